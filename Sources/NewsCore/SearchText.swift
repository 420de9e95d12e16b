import Foundation

/// How text becomes search tokens, for the index and for queries alike.
///
/// A token is a run of letters, digits and combining marks; each Han ideograph (and kana) is a
/// token of its own, so a one- or two-character Chinese word is found as a phrase of characters.
/// Tokens are folded so that a search in any case finds any case, and spelling variants that
/// readers do not tell apart meet:
/// - everything is NFKC-normalised (full-width forms, ligatures) and lower-cased;
/// - Cyrillic ё is е; й stays й, and the Kazakh letters ә ғ қ ң ө ұ ү һ і stay distinct;
/// - Latin letters lose their accents (é → e, ç → c), except the letters of the Kazakh Latin
///   alphabet, which are other letters, not accented ones: ä ö ü ğ ş ñ ū ı stay as they are;
/// - Arabic script loses tatweel and vowel marks (harakat), and alef with hamza or madda is alef
///   and keheh is kaf; the Kazakh hamza ٴ, which marks a front-vowel word, and the letters ۋ ۇ ٷ
///   ڭ ى stay distinct;
/// - invisible format characters (soft hyphen, zero-width joiners) are dropped.
/// Changing any of this changes what the index holds: `version` goes up and the index is rebuilt.
public enum SearchText {
    /// The folding rules' version, stored with the index.
    public static let version = 1

    /// A token: its folded form and where it stands in the text.
    public struct Token: Sendable, Equatable {
        public let folded: String
        public let range: Range<String.Index>
        /// An ideograph or kana: a token of one character.
        public let isIdeograph: Bool
    }

    /// The text's tokens, folded, in order.
    public static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var start: String.Index?
        func close(at end: String.Index) {
            guard let begin = start else { return }
            start = nil
            let (folded, normalized) = folding(String(text.unicodeScalars[begin..<end]))
            if normalized {
                append(folded, begin..<end)
            } else if !folded.isEmpty {
                tokens.append(Token(folded: folded, range: begin..<end, isIdeograph: false))
            }
        }
        /// A folded run is split again where folding made separators or ideographs (NFKC turns
        /// "ﷺ" into four words, "㍿" into four ideographs); the parts share the run's range.
        func append(_ folded: String, _ range: Range<String.Index>) {
            var word = String.UnicodeScalarView()
            func flush() {
                if !word.isEmpty { tokens.append(Token(folded: String(word), range: range, isIdeograph: false)) }
                word = String.UnicodeScalarView()
            }
            for scalar in folded.unicodeScalars {
                switch kind(scalar) {
                case .word, .mark: word.append(scalar)
                case .ideograph:
                    flush()
                    tokens.append(Token(folded: String(scalar), range: range, isIdeograph: true))
                case .ignorable: break
                case .separator: flush()
                }
            }
            flush()
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            switch kind(scalar) {
            case .ideograph:
                close(at: index)
                append(fold(String(scalar)), index..<next)
            case .word:
                if start == nil { start = index }
            case .mark, .ignorable:
                break   // inside a word: part of it (dropped by folding); outside: nothing
            case .separator:
                close(at: index)
            }
            index = next
        }
        close(at: scalars.endIndex)
        return tokens
    }

    /// The text as the index holds it: its folded tokens separated by spaces. The same as
    /// `tokens(text)` joined (`slowIndexed`; the tests compare the two), written straight into one
    /// buffer: a token whose characters all have a folded form in `table` (the Latin, Cyrillic and
    /// Arabic scripts without combining marks) and a common Han character or kana cost a table
    /// look-up each; anything else is folded by `folding`, as `tokens` does.
    public static func indexed(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let scalars = text.unicodeScalars
        var tokenStart: String.Index?   // the token's first character in `text`
        var tokenOut = 0                // where its folded form begins in `out`
        var slow = false
        func append(_ value: UInt32) {
            if value < 0x80 {
                out.append(UInt8(value))
            } else {
                for byte in String(Unicode.Scalar(value)!).utf8 { out.append(byte) }
            }
        }
        func begin(_ index: String.Index) {
            if !out.isEmpty { out.append(0x20) }
            tokenStart = index
            tokenOut = out.count
            slow = false
        }
        func close(at end: String.Index) {
            guard let start = tokenStart else { return }
            tokenStart = nil
            if slow {
                out.removeSubrange(tokenOut...)
                let folded = tokens(String(scalars[start..<end])).map(\.folded).joined(separator: " ")
                out.append(contentsOf: folded.utf8)
            }
            // Nothing of it left (a run of dropped characters): no token, no space before it.
            if out.count == tokenOut, tokenOut > 0 { out.removeLast() }
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let value = scalar.value
            if value < tableLimit {
                let info = table[Int(value)]
                switch info.kind {
                case .word:
                    if tokenStart == nil { begin(index) }
                case .mark, .ignorable:
                    break
                case .separator, .ideograph:
                    close(at: index)
                }
                if tokenStart != nil && !slow {
                    switch info.folded {
                    case ScalarInfo.slow: slow = true
                    case ScalarInfo.dropped: break
                    default: append(info.folded)
                    }
                }
            } else {
                switch computedKind(scalar) {
                case .ideograph:
                    close(at: index)
                    let next = scalars.index(after: index)
                    if isPlainIdeograph(value) {
                        if !out.isEmpty { out.append(0x20) }
                        append(value)
                    } else {
                        begin(index)
                        slow = true
                        close(at: next)
                    }
                case .word:
                    if tokenStart == nil { begin(index) }
                    slow = true
                case .mark, .ignorable:
                    if tokenStart != nil { slow = true }
                case .separator:
                    close(at: index)
                }
            }
            index = scalars.index(after: index)
        }
        close(at: scalars.endIndex)
        return String(decoding: out, as: UTF8.self)
    }

    /// `tokens(text)` joined: what `indexed` must equal.
    static func slowIndexed(_ text: String) -> String {
        tokens(text).map(\.folded).joined(separator: " ")
    }

    /// A Han character or kana that NFKC and lower-casing leave as it is (not a compatibility
    /// ideograph).
    static func isPlainIdeograph(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x20000...0x2A6DF).contains(value)
            || (0x3040...0x30FF).contains(value) || (0x3005...0x3007).contains(value)
    }

    /// The words of stored article HTML: tags dropped (a block's end is a space), the entities the
    /// renderer writes decoded, white space collapsed. Read as bytes: markup and entities are
    /// ASCII, and everything else is copied as it is.
    public static func plainText(html: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(html.utf8)
        out.reserveCapacity(bytes.count)
        var index = 0
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !out.isEmpty
                return
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                index = close + 1
                pendingSpace = !out.isEmpty
                continue
            }
            if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < bytes.count, end - index <= 10, bytes[end] != UInt8(ascii: ";"),
                      bytes[end] == UInt8(ascii: "#") || (bytes[end] < 0x80 && (Character(Unicode.Scalar(bytes[end])).isLetter
                                                                                || Character(Unicode.Scalar(bytes[end])).isNumber)) {
                    end += 1
                }
                if end < bytes.count, bytes[end] == UInt8(ascii: ";"),
                   let decoded = decodeEntity(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) {
                    for b in decoded.utf8 { emit(b) }
                    index = end + 1
                    continue
                }
            }
            emit(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decodeEntity(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "#39", "apos": return "'"
        case "nbsp": return " "
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16) { return Unicode.Scalar(value).map { String($0) } }
            if name.hasPrefix("#"), let value = UInt32(name.dropFirst()) { return Unicode.Scalar(value).map { String($0) } }
            return nil
        }
    }

    /// What a character is to the tokenizer.
    public enum Kind: Sendable { case word, ideograph, mark, ignorable, separator }

    public static func kind(_ scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if value < tableLimit { return table[Int(value)].kind }
        return computedKind(scalar)
    }

    /// What a scalar is and how it folds quickly, looked up once for the scripts news is written
    /// in most (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic: below U+0700) instead of asking
    /// the Unicode tables for every character of every article.
    struct ScalarInfo {
        let kind: Kind
        /// Its small letter (itself when it has none); `slow` when folding needs normalisation,
        /// `dropped` for a format character.
        let lower: UInt32
        /// What it is in the index: `lower` through the folding table (`slow` or `dropped` too).
        let folded: UInt32
        static let slow: UInt32 = 0xFFFF_FFFF
        static let dropped: UInt32 = 0xFFFF_FFFE
    }
    static let tableLimit: UInt32 = 0x0700
    static let table: [ScalarInfo] = (0..<tableLimit).map { value in
        let scalar = Unicode.Scalar(value) ?? " "
        let lower = computedLower(scalar)
        var folded = lower
        if lower != ScalarInfo.slow && lower != ScalarInfo.dropped {
            let mapped = mapped(String.UnicodeScalarView([Unicode.Scalar(lower)!]), quick: true).unicodeScalars
            folded = mapped.isEmpty ? ScalarInfo.dropped : mapped.count == 1 ? mapped.first!.value : ScalarInfo.slow
        }
        return ScalarInfo(kind: computedKind(scalar), lower: lower, folded: folded)
    }

    static func computedLower(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) ? value + 0x20 : value }
        let properties = scalar.properties
        if value == 0x03A3 || properties.generalCategory.isMark { return ScalarInfo.slow }
        if properties.generalCategory == .format { return ScalarInfo.dropped }
        guard properties.changesWhenNFKCCaseFolded else { return value }
        let lower = properties.lowercaseMapping.unicodeScalars
        guard properties.changesWhenLowercased, lower.count == 1, let small = lower.first,
              !small.properties.changesWhenNFKCCaseFolded else { return ScalarInfo.slow }
        return small.value
    }

    static func computedKind(_ scalar: Unicode.Scalar) -> Kind {
        let value = scalar.value
        if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x20000...0x2EBEF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x3040...0x30FF).contains(value) || (0x3005...0x3007).contains(value) {
            return .ideograph
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignorable
        default:
            return .separator
        }
    }

    /// U+00C0…U+024F without their accents, but the Kazakh Latin letters (looked up once).
    static let latinBase: [Unicode.Scalar] = (UInt32(0x00C0)...0x024F).map { value in
        let scalar = Unicode.Scalar(value)!
        if keptLatin.contains(scalar) { return scalar }
        return String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
    }

    /// Kazakh Latin letters that are letters of their own, not accented ones.
    static let keptLatin: Set<Unicode.Scalar> = ["ä", "ö", "ü", "ğ", "ş", "ñ", "ū", "ı"]

    /// One token's folded form.
    static func fold(_ token: String) -> String { folding(token).folded }

    /// The folded form, and whether it took normalisation (its characters may then be of other
    /// kinds than the token's: NFKC can make spaces or ideographs).
    static func folding(_ token: String) -> (folded: String, normalized: Bool) {
        if let quick = quickLowercase(token) { return (mapped(quick, quick: true), false) }
        return (mapped(token.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars), true)
    }

    /// The token in lower case when that needs no normalisation: every character is already in
    /// NFKC and either lower case or a capital whose small letter is one character that is. A
    /// combining mark (NFKC may compose it with its letter), a capital sigma (its small form
    /// depends on its place) or anything else sends the token the slow way. Most of an index's
    /// tokens go this way: Foundation's normalisation was most of the time of indexing.
    static func quickLowercase(_ token: String) -> String.UnicodeScalarView? {
        var out = String.UnicodeScalarView()
        for scalar in token.unicodeScalars {
            let value = scalar.value
            let lower = value < tableLimit ? table[Int(value)].lower : computedLower(scalar)
            switch lower {
            case ScalarInfo.slow: return nil
            case ScalarInfo.dropped: continue
            case value: out.append(scalar)
            default: out.append(Unicode.Scalar(lower)!)
            }
        }
        return out
    }

    /// The folding table over lower-cased, normalised text.
    static func mapped(_ normalized: String.UnicodeScalarView, quick: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for scalar in normalized {
            let value = scalar.value
            switch value {
            case 0x0451: out.append("\u{0435}")                                  // ё → е
            case 0x0640, 0x064B...0x065F, 0x0670: continue                       // tatweel, harakat
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")          // alef forms → alef
            case 0x06A9: out.append("\u{0643}")                                  // keheh → kaf
            case 0x0300...0x036F: continue                                       // a stray accent (İ → i̇ → i)
            case 0x00C0...0x024F:
                out.append(latinBase[Int(value - 0x00C0)])
            case 0x1E00...0x1EFF:
                if keptLatin.contains(scalar) {
                    out.append(scalar)
                } else if let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first {
                    out.append(base)
                } else {
                    out.append(scalar)
                }
            case 0x00..<0x80:
                out.append(scalar)
            default:
                // The quick way has dropped format characters already.
                if !quick, scalar.properties.generalCategory == .format { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Foundation's way for every token (tests compare it with the quick one).
    static func slowFold(_ token: String) -> String {
        mapped(token.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
    }
}

extension Unicode.GeneralCategory {
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }
}

/// A reader's search, parsed: the terms every result must hold, each a word or a phrase of
/// tokens. Any input is taken: operators of the index's own query language (AND, OR, NOT, NEAR,
/// `*`, `-`, `^`, parentheses, column names) are only words here, since every token is quoted
/// when the query is written for the index.
public struct SearchQuery: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        /// Folded tokens, in order (more than one: a phrase).
        public var tokens: [String]
        /// The last token matches words that start with it.
        public var prefix: Bool
    }

    /// Longest query taken, in characters; more is cut off.
    public static let maxLength = 200
    public static let maxTerms = 12
    static let maxTokens = 16
    static let maxTokenLength = 64

    /// The query as taken: trimmed and cut to `maxLength`.
    public let text: String
    public let terms: [Term]
    /// The query was longer than `maxLength` (the page says so).
    public let wasShortened: Bool

    /// Parses `raw`; nil when it holds no word at all. Double quotes make a phrase. With
    /// `prefixMatching` (inflected languages: Kazakh, Russian, Uzbek) a word of five letters or
    /// more finds every word that begins with its first five ("астана" finds "Астане", "Астаны",
    /// "Астанада"; "бюджетный" finds "бюджет"): truncation, a light stand-in for stemming, which
    /// the index answers from its prefix index of exactly that length. Shorter words, words in
    /// quotes and every word in other languages are matched whole.
    public init?(_ raw: String, prefixMatching: Bool) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        wasShortened = trimmed.count > Self.maxLength
        text = wasShortened ? String(trimmed.prefix(Self.maxLength)) : trimmed
        var terms: [Term] = []
        let pieces = text.split(separator: "\"", omittingEmptySubsequences: false)
        for (number, piece) in pieces.enumerated() {
            let quoted = number % 2 == 1 && number < pieces.count - 1
            let groups: [Substring] = quoted ? [piece] : piece.split(whereSeparator: { $0.isWhitespace })
            for group in groups {
                let tokens = SearchText.tokens(String(group))
                guard !tokens.isEmpty else { continue }
                let folded = tokens.prefix(Self.maxTokens).map { String($0.folded.prefix(Self.maxTokenLength)) }
                let last = tokens[min(tokens.count, Self.maxTokens) - 1]
                let prefix = prefixMatching && !quoted && folded.count == 1 && !last.isIdeograph
                    && folded[0].unicodeScalars.count >= Self.prefixLength
                terms.append(Term(tokens: prefix ? [Self.truncated(folded[0])] : folded, prefix: prefix))
            }
        }
        var unique: [Term] = []
        for term in terms where !unique.contains(term) { unique.append(term) }
        guard !unique.isEmpty else { return nil }
        self.terms = Array(unique.prefix(Self.maxTerms))
    }

    /// The prefix a long word is searched by, in characters (code points, as FTS5 counts): the
    /// length of the index's prefix index (migrations/0009_search_prefix.sql).
    public static let prefixLength = 5

    static func truncated(_ word: String) -> String {
        String(String.UnicodeScalarView(word.unicodeScalars.prefix(prefixLength)))
    }

    /// The index's query (FTS5): the edition's rows holding every term in a searched column.
    /// Tokens hold only letters, digits and marks, so quoting them is enough to keep them words.
    public func match(edition: String) -> String {
        let terms = self.terms.map { term in "\"" + term.tokens.joined(separator: " ") + "\"" + (term.prefix ? "*" : "") }
        return "edition : \"\(edition)\" AND {title lead body tags} : (\(terms.joined(separator: " AND ")))"
    }

    /// The parts of `text` this query matches, as ranges (for marking them).
    public func matches(in tokens: [SearchText.Token]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var position = 0
        while position < tokens.count {
            var longest = 0
            for term in terms where position + term.tokens.count <= tokens.count {
                let count = term.tokens.count
                var matched = true
                for offset in 0..<count {
                    let token = tokens[position + offset].folded
                    let wanted = term.tokens[offset]
                    let isLast = offset == count - 1
                    if !(token == wanted || (isLast && term.prefix && token.hasPrefix(wanted))) { matched = false; break }
                }
                if matched { longest = max(longest, count) }
            }
            if longest > 0 {
                found.append(position..<(position + longest))
                position += longest
            } else {
                position += 1
            }
        }
        return found
    }
}

/// A run of text in a search result, marked when it matched.
public struct SearchSnippetPart: Sendable, Equatable {
    public var text: String
    public var isMatch: Bool
    public init(text: String, isMatch: Bool) {
        self.text = text
        self.isMatch = isMatch
    }
}

extension SearchQuery {
    /// `text` whole, with what matched marked (headlines).
    public func highlighted(_ text: String) -> [SearchSnippetPart] {
        let tokens = SearchText.tokens(text)
        return Self.parts(text, tokens, matches(in: tokens), from: text.startIndex, to: text.endIndex)
    }

    /// About `length` characters of `text` around its first match, with every match marked, and
    /// whether text was left out before and after; the text's start when nothing matches.
    public func snippet(_ text: String, length: Int = 220) -> (parts: [SearchSnippetPart], before: Bool, after: Bool) {
        let tokens = SearchText.tokens(text)
        let found = matches(in: tokens)
        guard !tokens.isEmpty else { return ([], false, false) }
        let scalars = text.unicodeScalars
        let first = found.first?.lowerBound ?? 0
        // Some context before the first match: whole tokens within 60 characters of it.
        var startToken = first
        while startToken > 0,
              scalars.distance(from: tokens[startToken - 1].range.lowerBound, to: tokens[first].range.lowerBound) <= 60 {
            startToken -= 1
        }
        let start = startToken == 0 ? scalars.startIndex : tokens[startToken].range.lowerBound
        var end = scalars.endIndex
        if let limit = scalars.index(start, offsetBy: length, limitedBy: scalars.endIndex), limit < scalars.endIndex {
            // End after the last token that starts before the limit.
            let last = tokens.lastIndex { $0.range.lowerBound < limit } ?? startToken
            end = tokens[last].range.upperBound
        }
        let inside = found.filter { tokens[$0.lowerBound].range.lowerBound >= start && tokens[$0.upperBound - 1].range.upperBound <= end }
        return (Self.parts(text, tokens, inside, from: start, to: end), start > scalars.startIndex, end < scalars.endIndex)
    }

    static func parts(_ text: String, _ tokens: [SearchText.Token], _ found: [Range<Int>], from start: String.Index,
                      to end: String.Index) -> [SearchSnippetPart] {
        var parts: [SearchSnippetPart] = []
        var cursor = start
        for match in found {
            let lower = tokens[match.lowerBound].range.lowerBound, upper = tokens[match.upperBound - 1].range.upperBound
            guard lower >= cursor, upper <= end else { continue }
            if cursor < lower { parts.append(SearchSnippetPart(text: String(text.unicodeScalars[cursor..<lower]), isMatch: false)) }
            parts.append(SearchSnippetPart(text: String(text.unicodeScalars[lower..<upper]), isMatch: true))
            cursor = upper
        }
        if cursor < end { parts.append(SearchSnippetPart(text: String(text.unicodeScalars[cursor..<end]), isMatch: false)) }
        return parts
    }
}
