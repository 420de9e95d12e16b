import HTTPServer
import NewsCore

extension ReaderEnvironment {
    /// `/robots.txt`: `Public/robots.txt` as the operator wrote it, then the sitemap index by
    /// absolute URL (unless the file names it already).
    func robotsShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let (origin, cacheable) = self.origin(request)
        var text = String(decoding: staticFiles.contents(of: "robots.txt") ?? Array("User-agent: *\nAllow: /\n".utf8), as: UTF8.self)
        let line = "Sitemap: \(origin)\(URLs.sitemapIndex)"
        if !text.split(whereSeparator: \.isNewline).contains(where: { $0.trimmingCharacters(in: .whitespaces) == line }) {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "\n" + line + "\n"
        }
        return document(Array(text.utf8), type: "text/plain; charset=utf-8", keys: [], nil, cacheable: cacheable)
    }
}
