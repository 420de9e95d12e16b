/// Renders the article body's Markdown subset to HTML that can never run script.
///
/// Supported: paragraphs, "## "/"### " headings, "> " quotes, "- "/"* " and "1. " lists, **strong**,
/// *emphasis*, `code`, and [links](https://…) whose target is http(s), mailto or a site path.
/// Everything else, raw HTML included, is shown as escaped text.
public enum Markdown {
    /// Converts Markdown source to sanitised HTML.
    public static func html(_ source: String) -> String {
        var out = ""
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var block: [Substring] = []
        func flush() {
            if !block.isEmpty { out += render(block: block) }
            block.removeAll()
        }
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty { flush(); continue }
            if trimmed.hasPrefix("#") && !block.isEmpty { flush() }
            block.append(trimmed)
            if trimmed.hasPrefix("#") { flush() }
        }
        flush()
        return out
    }

    private static func render(block: [Substring]) -> String {
        let first = block[0]
        if let level = headingLevel(first) {
            let text = first.drop(while: { $0 == "#" }).drop(while: { $0 == " " })
            return "<h\(level)>\(inline(text))</h\(level)>\n"
        }
        if block.allSatisfy({ $0.hasPrefix(">") }) {
            let inner = block.map { $0.dropFirst().drop(while: { $0 == " " }) }
            return "<blockquote><p>\(inline(joined(inner)))</p></blockquote>\n"
        }
        if block.allSatisfy({ $0.hasPrefix("- ") || $0.hasPrefix("* ") }) {
            return "<ul>" + block.map { "<li>\(inline($0.dropFirst(2)))</li>" }.joined() + "</ul>\n"
        }
        if block.allSatisfy({ orderedItem($0) != nil }) {
            return "<ol>" + block.map { "<li>\(inline(orderedItem($0)!))</li>" }.joined() + "</ol>\n"
        }
        return "<p>\(inline(joined(block)))</p>\n"
    }

    private static func headingLevel(_ line: Substring) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (2...4).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    private static func orderedItem(_ line: Substring) -> Substring? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...3).contains(digits.count), line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return line.dropFirst(digits.count + 2)
    }

    private static func joined(_ lines: [Substring]) -> Substring {
        Substring(lines.joined(separator: " "))
    }

    /// Renders inline markup; unmatched delimiters stay literal. Depth-limited so hostile nesting
    /// cannot exhaust the stack, and a delimiter with no closer is remembered so scans stay linear.
    static func inline(_ text: Substring, depth: Int = 0) -> String {
        let chars = Array(text)
        var out = ""
        var missing = Set<String>()
        var i = 0
        func find(_ needle: [Character], from start: Int) -> Int? {
            guard needle.count <= chars.count else { return nil }
            var j = start
            while j + needle.count <= chars.count {
                if chars[j] == needle[0] && Array(chars[j..<(j + needle.count)]) == needle { return j }
                j += 1
            }
            return nil
        }
        func span(_ open: String, _ close: [Character], tag: String, from start: Int) -> Bool {
            guard depth < 6, !missing.contains(open), start < chars.count else { return false }
            guard let end = find(close, from: start) else { missing.insert(open); return false }
            guard end > start, chars[start] != " " else { return false }
            out += "<\(tag)>" + inline(Substring(String(chars[start..<end])), depth: depth + 1) + "</\(tag)>"
            i = end + close.count
            return true
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\\", let next, "\\`*_[]()#>-!".contains(next) {
                out += escapeHTML(String(next))
                i += 2
                continue
            }
            if c == "*" && next == "*", span("**", ["*", "*"], tag: "strong", from: i + 2) { continue }
            if c == "*" || c == "_", span(String(c), [c], tag: "em", from: i + 1) { continue }
            if c == "`", !missing.contains("`"), let end = find(["`"], from: i + 1) {
                out += "<code>" + escapeHTML(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
                continue
            } else if c == "`" {
                missing.insert("`")
            }
            if c == "[", depth < 6, !missing.contains("]("), let mid = find(["]", "("], from: i + 1) {
                if let close = find([")"], from: mid + 2) {
                    let url = String(chars[(mid + 2)..<close]).trimmingSpaces()
                    if isSafeLink(url) {
                        let label = inline(Substring(String(chars[(i + 1)..<mid])), depth: depth + 1)
                        out += "<a href=\"\(escapeHTML(url))\">\(label)</a>"
                        i = close + 1
                        continue
                    }
                }
            } else if c == "[" {
                missing.insert("](")
            }
            out += escapeHTML(String(c))
            i += 1
        }
        return out
    }

    /// True for link targets a reader can safely follow: http(s), mailto, or a path on this site.
    public static func isSafeLink(_ url: String) -> Bool {
        guard !url.isEmpty, url.count <= 2048,
              !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
        else { return false }
        let lower = url.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return true }
        return url.hasPrefix("/") && !url.hasPrefix("//")
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
