import HeraldSupport
/// Renders the article body's Markdown subset to HTML that can never run script.
///
/// Supported: paragraphs, "## "/"### "/"#### " headings, "> " quotes, "- "/"* " and "1. " lists,
/// **strong**, *emphasis*, `code`, and [links](https://…) whose target is http(s), mailto or a
/// site path. Everything else, raw HTML included, is shown as escaped text. Works on UTF-8 bytes
/// (every delimiter is ASCII), so a multi-kilobyte body renders in microseconds at import time.
public enum Markdown {
    typealias Bytes = ArraySlice<UInt8>

    /// Converts Markdown source to sanitised HTML.
    public static func html(_ source: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count + source.utf8.count / 8)
        let bytes = Array(source.utf8)
        var block: [Bytes] = []
        func flush() {
            if !block.isEmpty { render(block: block, into: &out) }
            block.removeAll()
        }
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var line = rawLine
            if line.last == 0x0D { line = line.dropLast() }
            let trimmed = line.drop(while: { $0 == 0x20 || $0 == 0x09 })
            if trimmed.isEmpty { flush(); continue }
            let isHeading = trimmed.first == 0x23
            if isHeading && !block.isEmpty { flush() }
            block.append(trimmed)
            if isHeading { flush() }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    private static func render(block: [Bytes], into out: inout [UInt8]) {
        let first = block[0]
        if let level = headingLevel(first) {
            let text = first.drop(while: { $0 == 0x23 }).drop(while: { $0 == 0x20 })
            append("<h\(level)>", &out)
            inline(text, depth: 0, into: &out)
            append("</h\(level)>\n", &out)
        } else if block.allSatisfy({ $0.first == 0x3E }) {
            append("<blockquote><p>", &out)
            inline(joined(block.map { $0.dropFirst().drop(while: { $0 == 0x20 }) }), depth: 0, into: &out)
            append("</p></blockquote>\n", &out)
        } else if block.allSatisfy({ $0.count >= 2 && ($0.first == 0x2D || $0.first == 0x2A) && $0[$0.startIndex + 1] == 0x20 }) {
            append("<ul>", &out)
            for item in block {
                append("<li>", &out)
                inline(item.dropFirst(2), depth: 0, into: &out)
                append("</li>", &out)
            }
            append("</ul>\n", &out)
        } else if block.allSatisfy({ orderedItem($0) != nil }) {
            append("<ol>", &out)
            for item in block {
                append("<li>", &out)
                inline(orderedItem(item)!, depth: 0, into: &out)
                append("</li>", &out)
            }
            append("</ol>\n", &out)
        } else {
            append("<p>", &out)
            inline(joined(block), depth: 0, into: &out)
            append("</p>\n", &out)
        }
    }

    private static func headingLevel(_ line: Bytes) -> Int? {
        let hashes = line.prefix(while: { $0 == 0x23 }).count
        guard (2...4).contains(hashes), line.dropFirst(hashes).first == 0x20 else { return nil }
        return hashes
    }

    private static func orderedItem(_ line: Bytes) -> Bytes? {
        let digits = line.prefix(while: { (0x30...0x39).contains($0) })
        let rest = line.dropFirst(digits.count)
        guard (1...3).contains(digits.count), rest.count >= 2, rest.first == 0x2E, rest[rest.startIndex + 1] == 0x20 else { return nil }
        return rest.dropFirst(2)
    }

    private static func joined(_ lines: [Bytes]) -> Bytes {
        var result: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { result.append(0x20) }
            result.append(contentsOf: line)
        }
        return result[...]
    }

    private static func append(_ text: String, _ out: inout [UInt8]) { out.append(contentsOf: text.utf8) }

    private static func find(_ needle: [UInt8], in text: Bytes, from start: Int) -> Int? {
        guard !needle.isEmpty else { return nil }
        var j = start
        while j + needle.count <= text.endIndex {
            if text[j] == needle[0] {
                var k = 1
                while k < needle.count && text[j + k] == needle[k] { k += 1 }
                if k == needle.count { return j }
            }
            j += 1
        }
        return nil
    }

    private static func escape(_ text: Bytes, into out: inout [UInt8]) {
        text.withUnsafeBufferPointer { appendEscapedHTML(bytes: $0, to: &out) }
    }

    /// Bytes that may start inline markup: \ * _ ` [ (everything else is plain text).
    private static func startsMarkup(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x2A || byte == 0x5F || byte == 0x60 || byte == 0x5B
    }

    /// Bytes a backslash escapes ("." so that `1\. ` can start a paragraph instead of a list).
    private static let escapable: [UInt8] = Array("\\`*_[]()#>-!.".utf8)

    /// Renders inline markup; unmatched delimiters stay literal. Depth-limited so hostile nesting
    /// cannot exhaust the stack, and a delimiter with no closer is remembered so scans stay linear.
    static func inline(_ text: Bytes, depth: Int, into out: inout [UInt8]) {
        var missing = Set<UInt8>()              // opening bytes known to have no closer ahead
        var missingStrong = false
        var i = text.startIndex
        let end = text.endIndex
        func span(_ close: [UInt8], tag: String, from start: Int) -> Bool {
            guard depth < 6, start < end else { return false }
            guard let stop = find(close, in: text, from: start) else {
                if close.count == 2 { missingStrong = true } else { missing.insert(close[0]) }
                return false
            }
            guard stop > start, text[start] != 0x20 else { return false }
            append("<\(tag)>", &out)
            inline(text[start..<stop], depth: depth + 1, into: &out)
            append("</\(tag)>", &out)
            i = stop + close.count
            return true
        }
        while i < end {
            let c = text[i]
            if !startsMarkup(c) {
                // A run of plain text up to the next byte that may start markup, escaped at once.
                var stop = i + 1
                while stop < end && !startsMarkup(text[stop]) { stop += 1 }
                escape(text[i..<stop], into: &out)
                i = stop
                continue
            }
            let next: UInt8? = i + 1 < end ? text[i + 1] : nil
            if c == 0x5C, let next, escapable.contains(next) {    // backslash escape
                escape(text[(i + 1)...(i + 1)], into: &out)
                i += 2
                continue
            }
            if c == 0x2A && next == 0x2A && !missingStrong, span([0x2A, 0x2A], tag: "strong", from: i + 2) { continue }
            if (c == 0x2A || c == 0x5F) && !missing.contains(c), span([c], tag: "em", from: i + 1) { continue }
            if c == 0x60 && !missing.contains(0x60) {
                if let stop = find([0x60], in: text, from: i + 1) {
                    append("<code>", &out)
                    escape(text[(i + 1)..<stop], into: &out)
                    append("</code>", &out)
                    i = stop + 1
                    continue
                }
                missing.insert(0x60)
            }
            if c == 0x5B && depth < 6 && !missing.contains(0x5B) {
                if let mid = find([0x5D, 0x28], in: text, from: i + 1) {
                    if let close = find([0x29], in: text, from: mid + 2) {
                        let url = String(decoding: text[(mid + 2)..<close], as: UTF8.self).trimmingSpaces()
                        if isSafeLink(url) {
                            append("<a href=\"", &out)
                            escape(Array(url.utf8)[...], into: &out)
                            append("\">", &out)
                            inline(text[(i + 1)..<mid], depth: depth + 1, into: &out)
                            append("</a>", &out)
                            i = close + 1
                            continue
                        }
                    }
                } else {
                    missing.insert(0x5B)
                }
            }
            escape(text[i...i], into: &out)
            i += 1
        }
    }

    /// True for link targets a reader can safely follow: http(s), mailto, or a path on this site.
    public static func isSafeLink(_ url: String) -> Bool {
        guard !url.isEmpty, url.utf8.count <= 2048,
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
