import HTTPServer
import HeraldSupport
import NewsCore

/// Strict parsing of what readers type into URLs.
enum Parameters {
    /// The `page` query parameter: absent → 1; digits only, no leading zero, at most 6 digits;
    /// anything else (or a repeated parameter) → nil, answered with 400.
    static func page(_ request: Request) -> Int? {
        PageNumber.parse(request.query.filter { $0.name == "page" }.map(\.value))
    }

    /// The last segment of an article URL, "123-some-slug" (or just "123"): id and slug.
    static func articleSegment(_ segment: Substring) -> (id: Int64, slug: Substring)? {
        let digits = segment.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...18).contains(digits.count), digits.first != "0", let id = Int64(digits) else { return nil }
        let rest = segment.dropFirst(digits.count)
        if rest.isEmpty { return (id, "") }
        guard rest.first == "-" else { return nil }
        return (id, rest.dropFirst())
    }

    /// The edition that best matches an Accept-Language header, by quality then order.
    static func negotiate(_ header: String?, editions: [EditionContext]) -> EditionContext? {
        guard let header, header.utf8.count <= 1024 else { return nil }
        var ranges: [(tag: String, q: Double, index: Int)] = []
        for (index, part) in header.split(separator: ",").prefix(32).enumerated() {
            let pieces = part.split(separator: ";")
            let tag = pieces.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard !tag.isEmpty, tag.count <= 35 else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() {
                let kv = parameter.trimmingCharacters(in: .whitespaces)
                if kv.hasPrefix("q="), let value = Double(kv.dropFirst(2)), (0...1).contains(value) { q = value }
            }
            if q > 0 { ranges.append((tag, q, index)) }
        }
        ranges.sort { ($0.q, -$0.index) > ($1.q, -$1.index) }
        for range in ranges {
            if range.tag == "*" { return nil }
            if let exact = editions.first(where: { $0.edition.tag.lowercased() == range.tag }) { return exact }
            let language = range.tag.split(separator: "-").first.map(String.init) ?? range.tag
            if let byLanguage = editions.first(where: { $0.edition.language == language }) { return byLanguage }
        }
        return nil
    }
}
