/// Turns an article body given as HTML (an agency's `body_html`) into the body Markdown subset
/// (`Markdown`), so that what readers get is exactly `Markdown.html` of it: the same few elements
/// and safe links, and no script in any form. Editors then edit it like any other body.
///
/// Kept: paragraphs (`p`, `div` and other blocks, `br` ends one), headings (`h1`/`h2` → `##`,
/// `h3` → `###`, `h4`–`h6` → `####`), block quotes, lists (items flattened, nested ones too),
/// `strong`/`b`, `em`/`i`, `code`, and links whose target `Markdown.isSafeLink` allows.
/// Dropped with their content: `script`, `style`, `iframe`, `svg`, `math`, `template`, forms'
/// controls, media and embedded objects, comments. Every other element is unwrapped to its
/// text. Entities are decoded; text that would read as Markdown is backslash-escaped.
public enum HTMLBody {
    /// The Markdown for an HTML fragment (empty when it holds no text).
    public static func markdown(_ html: String) -> String {
        var converter = Converter()
        converter.run(Array(html.unicodeScalars))
        return converter.finish()
    }

    /// The text of an HTML fragment, its blocks joined by a space (a lead given as HTML).
    public static func plainText(_ html: String) -> String {
        var converter = Converter()
        converter.run(Array(html.unicodeScalars))
        _ = converter.finish()
        return converter.plainBlocks.joined(separator: " ")
    }

    /// Plain text as body Markdown: a paragraph for each run of lines between blank lines,
    /// everything that would read as Markdown escaped.
    public static func markdown(plainText text: String) -> String {
        var paragraphs: [String] = []
        var current: [Substring] = []
        func flush() {
            var converter = Converter()
            converter.appendText(current.joined(separator: " "))
            let paragraph = converter.finish()
            if !paragraph.isEmpty { paragraphs.append(paragraph) }
            current.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { flush() } else { current.append(line) }
        }
        flush()
        return paragraphs.joined(separator: "\n\n")
    }

    /// Elements whose content is never text for readers (dropped whole).
    static let dropped: Set<String> = [
        "script", "style", "template", "svg", "math", "iframe", "object", "noscript", "head", "title", "select", "textarea",
        "button", "audio", "video", "canvas", "map", "applet", "frameset", "noembed", "noframes", "xmp", "picture", "datalist",
        "option", "dialog",
    ]
    /// Elements whose content the HTML parser reads as raw text up to their end tag.
    static let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]
    /// Elements that never have content.
    static let void: Set<String> = ["br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "param", "source",
                                    "track", "wbr", "keygen"]
    /// Elements that end the paragraph before them and start a new one.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "address",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "pre", "table", "thead", "tbody",
        "tfoot", "tr", "caption", "hr", "br", "details", "summary", "fieldset", "legend", "center", "form", "hgroup", "menu",
    ]

    enum BlockKind: Equatable {
        case paragraph
        case heading(Int)
        case quote
        case item(ordered: Bool, number: Int)
    }

    enum FrameKind: Equatable {
        case root, strong, emphasis, code
        case link(String)
    }

    struct Frame {
        var kind: FrameKind
        /// Markdown so far (escaped text and the inner frames' markup).
        var text = ""
        /// The plain text (what a code span shows).
        var plain = ""
    }

    /// An open element that decides what kind of block its text makes.
    struct Context {
        var name: String
        var counter = 0
    }

    struct Converter {
        var blocks: [(kind: BlockKind, text: String)] = []
        /// Each block's text, unescaped.
        var plainBlocks: [String] = []
        var frames = [Frame(kind: .root)]
        var contexts: [Context] = []
        var skipping: (name: String, depth: Int)?

        mutating func run(_ s: [Unicode.Scalar]) {
            var i = 0
            var text = ""
            func flushText(_ converter: inout Converter) {
                if !text.isEmpty { converter.appendText(text); text = "" }
            }
            while i < s.count {
                let c = s[i]
                if c == "<" {
                    let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
                    if next == "!" || next == "?" {
                        flushText(&self)
                        i = skipDeclaration(s, from: i)
                        continue
                    }
                    if let next, next == "/" || next.properties.isAlphabetic && next.isASCII {
                        flushText(&self)
                        let (tag, end) = readTag(s, from: i)
                        i = end
                        guard let tag else { continue }
                        if !tag.closing && HTMLBody.rawText.contains(tag.name) {
                            i = skipRawText(s, name: tag.name, from: i)
                            continue
                        }
                        handle(tag)
                        continue
                    }
                }
                if c == "&" {
                    let (decoded, end) = decodeEntity(s, from: i)
                    text.unicodeScalars.append(contentsOf: decoded.unicodeScalars)
                    i = end
                    continue
                }
                text.unicodeScalars.append(c)
                i += 1
            }
            flushText(&self)
        }

        // MARK: Tags

        struct Tag {
            var name: String
            var closing: Bool
            var href: String?
        }

        mutating func handle(_ tag: Tag) {
            let name = tag.name
            if let skip = skipping {
                if name == skip.name {
                    let depth = skip.depth + (tag.closing ? -1 : (HTMLBody.void.contains(name) ? 0 : 1))
                    skipping = depth > 0 ? (skip.name, depth) : nil
                }
                return
            }
            if !tag.closing && HTMLBody.dropped.contains(name) {
                if !HTMLBody.void.contains(name) { skipping = (name, 1) }
                return
            }
            if HTMLBody.blocks.contains(name) {
                blockBoundary(name, closing: tag.closing)
                return
            }
            if name == "td" || name == "th" { appendText(" "); return }
            let kind: FrameKind?
            switch name {
            case "strong", "b": kind = .strong
            case "em", "i", "cite", "dfn": kind = .emphasis
            case "code", "kbd", "samp", "tt": kind = .code
            case "a": kind = .link(tag.href ?? "")
            default: kind = nil
            }
            guard let kind else { return }
            if tag.closing {
                guard let index = frames.lastIndex(where: { Self.sameKind($0.kind, kind) }), index > 0 else { return }
                while frames.count > index { closeFrame() }
            } else {
                // Not nested in itself, and nothing formatted inside code.
                if frames.contains(where: { Self.sameKind($0.kind, kind) || $0.kind == .code }) { return }
                frames.append(Frame(kind: kind))
            }
        }

        static func sameKind(_ a: FrameKind, _ b: FrameKind) -> Bool {
            switch (a, b) {
            case (.link, .link): return true
            default: return a == b
            }
        }

        var insideItem: Bool { contexts.contains { $0.name == "li" } }

        mutating func blockBoundary(_ name: String, closing: Bool) {
            let isList = name == "ul" || name == "ol" || name == "menu"
            // Inside a list item only items and lists end it; other blocks run on with a space.
            if insideItem && name != "li" && !isList {
                appendText(" ")
                return
            }
            flushBlock()
            guard name != "br" && name != "hr" else { return }
            let tracked = isList || name == "li" || name == "blockquote" || (name.count == 2 && name.hasPrefix("h") && name != "hr")
            guard tracked else { return }
            if closing {
                if let index = contexts.lastIndex(where: { $0.name == name }) { contexts.removeSubrange(index...) }
            } else {
                if name == "li", let list = contexts.lastIndex(where: { $0.name == "ol" || $0.name == "ul" || $0.name == "menu" }) {
                    contexts[list].counter += 1
                }
                contexts.append(Context(name: name))
            }
        }

        var blockKind: BlockKind {
            if contexts.contains(where: { $0.name == "li" }) {
                let list = contexts.last { $0.name == "ol" || $0.name == "ul" || $0.name == "menu" }
                return .item(ordered: list?.name == "ol", number: max(1, min(999, list?.counter ?? 1)))
            }
            if let heading = contexts.last(where: { $0.name.count == 2 && $0.name.hasPrefix("h") }),
               let level = Int(heading.name.dropFirst()) {
                return .heading(level <= 2 ? 2 : level == 3 ? 3 : 4)
            }
            if contexts.contains(where: { $0.name == "blockquote" }) { return .quote }
            return .paragraph
        }

        // MARK: Text

        mutating func appendText(_ raw: String) {
            guard skipping == nil else { return }
            var collapsed = ""
            var lastSpace = false
            for scalar in raw.unicodeScalars {
                if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" || scalar == "\u{A0}" {
                    if !lastSpace { collapsed.append(" ") }
                    lastSpace = true
                    continue
                }
                // Control characters are never text (the body refuses them).
                guard scalar.value >= 0x20, scalar.value != 0x7F, !(0x80...0x9F).contains(scalar.value) else { continue }
                collapsed.unicodeScalars.append(scalar)
                lastSpace = false
            }
            guard !collapsed.isEmpty else { return }
            let top = frames.count - 1
            frames[top].plain += collapsed
            frames[top].text += frames[top].kind == .code ? collapsed : Self.escaped(collapsed)
        }

        /// Text with the bytes that start inline Markdown escaped.
        static func escaped(_ text: String) -> String {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                if scalar == "\\" || scalar == "`" || scalar == "*" || scalar == "_" || scalar == "[" || scalar == "]" {
                    out.unicodeScalars.append("\\")
                }
                out.unicodeScalars.append(scalar)
            }
            return out
        }

        /// Closes the innermost inline element into its parent: its markup around its text, the
        /// spaces at its edges moved outside (Markdown wants none inside).
        mutating func closeFrame() {
            let frame = frames.removeLast()
            let top = frames.count - 1
            let leading = frame.text.first == " "
            let trailing = frame.text.count > 1 && frame.text.last == " "
            let inner = frame.text.trimmingSpaces()
            frames[top].plain += frame.plain
            var markup: String
            switch frame.kind {
            case .root: markup = inner
            case .strong: markup = inner.isEmpty ? "" : "**" + inner + "**"
            case .emphasis:
                if inner.isEmpty { markup = "" }
                else if !inner.contains("_") { markup = "_" + inner + "_" }
                else if !inner.contains("*") { markup = "*" + inner + "*" }
                else { markup = inner }
            case .code:
                let plain = frame.plain.trimmingSpaces()
                if plain.isEmpty { markup = "" }
                else if plain.contains("`") || frames.contains(where: { $0.kind == .code }) { markup = Self.escaped(plain) }
                else { markup = "`" + plain + "`" }
            case .link(let href):
                let url = Self.linkTarget(href)
                markup = inner.isEmpty || url == nil || frames.contains(where: { if case .link = $0.kind { return true }; return false })
                    ? inner : "[" + inner + "](" + url! + ")"
            }
            frames[top].text += (leading ? " " : "") + markup + (trailing ? " " : "")
        }

        /// A link's target as Markdown takes it: trimmed, the bytes its syntax or `isSafeLink`
        /// would stop at percent-encoded; nil when it is not a safe link.
        static func linkTarget(_ href: String) -> String? {
            let trimmed = href.trimmedWhitespace()
            var out = ""
            for scalar in trimmed.unicodeScalars {
                switch scalar {
                case " ", "(", ")", "\"", "<", ">", "\\", "`", "\u{7F}":
                    out += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
                default:
                    if scalar.value < 0x20 { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return Markdown.isSafeLink(out) ? out : nil
        }

        mutating func flushBlock() {
            while frames.count > 1 { closeFrame() }
            var text = ""
            var lastSpace = false
            for character in frames[0].text {
                if character == " " {
                    if !lastSpace { text.append(" ") }
                    lastSpace = true
                } else {
                    text.append(character)
                    lastSpace = false
                }
            }
            text = text.trimmingSpaces()
            let plain = frames[0].plain.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            frames[0] = Frame(kind: .root)
            guard !text.isEmpty else { return }
            blocks.append((blockKind, text))
            plainBlocks.append(plain)
        }

        mutating func finish() -> String {
            flushBlock()
            var out = ""
            var previous: BlockKind?
            for block in blocks {
                if let previous {
                    switch (previous, block.kind) {
                    case (.item(let a, _), .item(let b, _)) where a == b: out += "\n"
                    default: out += "\n\n"
                    }
                }
                switch block.kind {
                case .paragraph: out += Self.lineStartEscaped(block.text)
                case .heading(let level): out += String(repeating: "#", count: level) + " " + block.text
                case .quote: out += "> " + block.text
                case .item(let ordered, let number): out += (ordered ? "\(number). " : "- ") + block.text
                }
                previous = block.kind
            }
            return out
        }

        /// A paragraph that would otherwise start a heading, a quote or a list.
        static func lineStartEscaped(_ text: String) -> String {
            if text.hasPrefix("#") || text.hasPrefix(">") || text.hasPrefix("- ") || text == "-" { return "\\" + text }
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            if (1...3).contains(digits.count), text.dropFirst(digits.count).hasPrefix(". ") || text.dropFirst(digits.count) == "." {
                return String(digits) + "\\" + text.dropFirst(digits.count)
            }
            return text
        }

        // MARK: Tokenizer

        /// `<!-- … -->`, `<!DOCTYPE …>`, `<![CDATA[ … ]]>`, `<? … >`: skipped.
        func skipDeclaration(_ s: [Unicode.Scalar], from start: Int) -> Int {
            func matches(_ text: String, at index: Int) -> Bool {
                let scalars = Array(text.unicodeScalars)
                guard index + scalars.count <= s.count else { return false }
                return (0..<scalars.count).allSatisfy { s[index + $0] == scalars[$0] }
            }
            if matches("<!--", at: start) {
                var i = start + 4
                while i < s.count && !matches("-->", at: i) { i += 1 }
                return min(s.count, i + 3)
            }
            if matches("<![CDATA[", at: start) {
                var i = start + 9
                while i < s.count && !matches("]]>", at: i) { i += 1 }
                return min(s.count, i + 3)
            }
            var i = start + 2
            while i < s.count && s[i] != ">" { i += 1 }
            return min(s.count, i + 1)
        }

        /// A start or end tag from `<` to its `>` (quotes respected): its lower-case name and,
        /// for `a`, its `href`.
        func readTag(_ s: [Unicode.Scalar], from start: Int) -> (Tag?, Int) {
            var i = start + 1
            let closing = s[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "-" || s[i] == ":" {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            var href: String?
            // Attributes: name, optionally = and a value (quoted or not), up to >.
            while i < s.count && s[i] != ">" {
                if s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" || s[i] == "/" || s[i] == "\u{0C}" { i += 1; continue }
                var attribute = ""
                while i < s.count, !" \t\n\r\u{0C}/>=".unicodeScalars.contains(s[i]) {
                    attribute.unicodeScalars.append(s[i])
                    i += 1
                }
                while i < s.count, " \t\n\r\u{0C}".unicodeScalars.contains(s[i]) { i += 1 }
                guard i < s.count, s[i] == "=" else {
                    if attribute.isEmpty { i += 1 }
                    continue
                }
                i += 1
                while i < s.count, " \t\n\r\u{0C}".unicodeScalars.contains(s[i]) { i += 1 }
                var value = ""
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    i += 1
                    while i < s.count && s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                    i += 1
                } else {
                    while i < s.count, !" \t\n\r\u{0C}>".unicodeScalars.contains(s[i]) { value.unicodeScalars.append(s[i]); i += 1 }
                }
                if attribute.lowercased() == "href" && href == nil { href = Self.decodeEntities(value) }
            }
            let end = min(s.count, i + 1)
            guard !name.isEmpty else { return (nil, end) }
            return (Tag(name: name.lowercased(), closing: closing, href: href), end)
        }

        /// Past the end tag of a raw-text element (or to the end when it has none).
        func skipRawText(_ s: [Unicode.Scalar], name: String, from start: Int) -> Int {
            let close = Array(("</" + name).unicodeScalars)
            var i = start
            while i + close.count <= s.count {
                if (0..<close.count).allSatisfy({ String(s[i + $0]).lowercased() == String(close[$0]) }) {
                    let after = i + close.count
                    if after == s.count || !s[after].properties.isAlphabetic {
                        var j = after
                        while j < s.count && s[j] != ">" { j += 1 }
                        return min(s.count, j + 1)
                    }
                }
                i += 1
            }
            return s.count
        }

        static func decodeEntities(_ text: String) -> String {
            let s = Array(text.unicodeScalars)
            var out = ""
            var i = 0
            while i < s.count {
                if s[i] == "&" {
                    let (decoded, end) = decodeEntity(s, from: i)
                    out += decoded
                    i = end
                } else {
                    out.unicodeScalars.append(s[i])
                    i += 1
                }
            }
            return out
        }

        func decodeEntity(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) { Self.decodeEntity(s, from: start) }

        /// `&amp;`, `&#233;`, `&#xE9;` and the named entities news copy uses; anything else is
        /// the ampersand as text.
        static func decodeEntity(_ s: [Unicode.Scalar], from start: Int) -> (String, Int) {
            var i = start + 1
            var name = ""
            while i < s.count, i - start <= 32, s[i] != ";", s[i].isASCII, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "#" {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            guard i < s.count, s[i] == ";", !name.isEmpty else { return ("&", start + 1) }
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", i + 1) }
                return (String(Character(scalar)), i + 1)
            }
            guard let decoded = namedEntities[name] else { return ("&", start + 1) }
            return (decoded, i + 1)
        }

        static let namedEntities: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "", "ndash": "–", "mdash": "—",
            "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”",
            "bdquo": "„", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "times": "×", "divide": "÷", "minus": "−",
            "plusmn": "±", "bull": "•", "middot": "·", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§",
            "para": "¶", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "prime": "′", "Prime": "″",
            "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}",
            "rlm": "\u{200F}", "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "numero": "№", "iexcl": "¡", "iquest": "¿",
            "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uuml": "ü", "ouml": "ö", "auml": "ä",
            "szlig": "ß", "ccedil": "ç", "ntilde": "ñ",
        ]
    }
}

extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
