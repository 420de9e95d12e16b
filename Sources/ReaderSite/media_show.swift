import Foundation
import HTTPServer
import Media
import NewsCore

extension ReaderEnvironment {
    /// A year, and never revalidated: a rendition's address names its content (the upload's hash).
    static let mediaCacheControl = "public, max-age=31536000, immutable"

    /// `GET /media/:hash/:file`: a photo rendition (`960.webp`) from the media directory; a
    /// photo field's own reference (`2000x1500`) redirects to its largest JPEG. 404 otherwise.
    public func mediaShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        guard let media, let hash = parameters["hash"], let name = parameters["file"] else { throw HTTPError.notFound() }
        if let reference = MediaReference("/media/\(hash)/\(name)") {
            return Response(status: 301, headers: [("Location", reference.largest.url), ("Cache-Control", Self.mediaCacheControl)])
        }
        guard let path = media.file(hash: hash, name: name), let data = FileManager.default.contents(atPath: path) else {
            throw HTTPError.notFound()
        }
        let type = name.hasSuffix(".webp") ? "image/webp" : "image/jpeg"
        return Response(status: 200, headers: [("Content-Type", type), ("Cache-Control", Self.mediaCacheControl)], body: [UInt8](data))
    }
}
