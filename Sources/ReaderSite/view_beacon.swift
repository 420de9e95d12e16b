import HTTPServer
import NewsCore

/// The view beacon: a 1 × 1 image every article page loads from `/views/ID.gif`. Pages a cache
/// node serves never reach Herald, so a read through the edge is counted when the node passes
/// the beacon on (it is never cached); a page Herald serves itself counts its read when it has
/// been sent, and its beacon, arriving directly, does not count again. No cookie, no script.
public enum ViewBeacon {
    /// A transparent GIF, 1 × 1.
    static let gif: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21,
        0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44,
        0x01, 0x00, 0x3B,
    ]

    /// The beacon's address for an article.
    public static func path(_ id: Int64) -> String { "/views/\(id).gif" }

    /// The article of a beacon file name ("123.gif"); nil for anything else.
    public static func articleID(_ file: String) -> Int64? {
        guard file.hasSuffix(".gif") else { return nil }
        let digits = file.dropLast(4)
        guard (1...18).contains(digits.count), digits.allSatisfy(\.isASCII), digits.first != "0", let id = Int64(digits) else { return nil }
        return id
    }
}

extension ReaderEnvironment {
    /// True for a cache node fetching on readers' behalf: it says `X-Herald-Edge: 1` (the VCL sets
    /// it; clients' own is removed there) and comes from a configured node's address.
    func isEdgeFetch(_ request: Request) -> Bool {
        request.header("x-herald-edge") == "1" && configuration.edgeAddresses.contains(request.client)
    }

    /// `GET /views/:id.gif`: the beacon, never stored by anyone; it counts a read (once sent) when
    /// a cache node passes it on for a published article.
    func viewBeacon(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        var response = Response(status: 200, headers: [("Content-Type", "image/gif"), ("Cache-Control", "no-store")], body: ViewBeacon.gif)
        guard request.method == "GET", isEdgeFetch(request), let id = parameters["file"].flatMap(ViewBeacon.articleID),
              try read({ try store.articleBundle(id: id) }) != nil else { return response }
        let views = self.views
        response.onDelivered = { views.record(id) }
        return response
    }
}
