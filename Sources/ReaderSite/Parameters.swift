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
            // RFC 4647 lookup: the range, then less and less of it from the end (kk-arab-cn,
            // kk-arab, kk), each against the editions' tags and the tags they publish.
            for candidate in lookupTags(range.tag) {
                if let edition = editions.first(where: { $0.edition.tag.lowercased() == candidate || $0.edition.publicTag.lowercased() == candidate }) {
                    return edition
                }
            }
            let language = range.tag.split(separator: "-").first.map(String.init) ?? range.tag
            if let byLanguage = editions.first(where: { $0.edition.language == language }) { return byLanguage }
        }
        return nil
    }

    /// Scripts a language is written in where a region names no script (CLDR's likely subtags):
    /// Kazakh in China, Afghanistan and Iran is written in Arabic script.
    static let likelyScripts: [String: String] = ["kk-cn": "arab", "kk-af": "arab", "kk-ir": "arab", "uz-af": "arab"]

    /// A lower-cased language range and its shorter forms, longest first, with the script its
    /// region implies put before the bare language.
    static func lookupTags(_ tag: String) -> [String] {
        var parts = tag.split(separator: "-").map(String.init)
        var tags: [String] = []
        while !parts.isEmpty {
            tags.append(parts.joined(separator: "-"))
            parts.removeLast()
        }
        let subtags = tag.split(separator: "-")
        if subtags.count >= 2, let script = likelyScripts["\(subtags[0])-\(subtags[subtags.count - 1])"] {
            tags.insert("\(subtags[0])-\(script)", at: tags.count - 1)
        }
        return tags
    }
}
