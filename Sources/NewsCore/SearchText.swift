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
            append(fold(String(text.unicodeScalars[begin..<end])), begin..<end)
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

    /// The text as the index holds it: its folded tokens separated by spaces.
    public static func indexed(_ text: String) -> String {
        tokens(text).map(\.folded).joined(separator: " ")
    }

    /// The words of stored article HTML: tags dropped (a block's end is a space), the entities the
    /// renderer writes decoded, white space collapsed.
    public static func plainText(html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var entity: String?
        for character in html {
            if inTag {
                if character == ">" { inTag = false; out.append(" ") }
                continue
            }
            if var pending = entity {
                if character == ";" {
                    out.append(decodeEntity(pending) ?? "&\(pending);")
                    entity = nil
                } else if pending.count < 10 && (character.isLetter || character.isNumber || character == "#") {
                    pending.append(character)
                    entity = pending
                } else {
                    out.append("&" + pending)
                    entity = nil
                    if character == "<" { inTag = true } else { out.append(character) }
                }
                continue
            }
            switch character {
            case "<": inTag = true
            case "&": entity = ""
            default: out.append(character)
            }
        }
        if let entity { out.append("&" + entity) }
        // One space between words, none at the ends.
        return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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

    /// Kazakh Latin letters that are letters of their own, not accented ones.
    static let keptLatin: Set<Unicode.Scalar> = ["ä", "ö", "ü", "ğ", "ş", "ñ", "ū", "ı"]

    /// One token's folded form.
    static func fold(_ token: String) -> String {
        let normalized = token.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0451: out.append("\u{0435}")                                  // ё → е
            case 0x0640, 0x064B...0x065F, 0x0670: continue                       // tatweel, harakat
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")          // alef forms → alef
            case 0x06A9: out.append("\u{0643}")                                  // keheh → kaf
            case 0x0300...0x036F: continue                                       // a stray accent (İ → i̇ → i)
            case 0x00C0...0x024F, 0x1E00...0x1EFF:
                if keptLatin.contains(scalar) {
                    out.append(scalar)
                } else if let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first {
                    out.append(base)
                } else {
                    out.append(scalar)
                }
            default:
                if scalar.properties.generalCategory == .format { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }
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
    /// `prefixMatching` (inflected languages: Kazakh, Russian, Uzbek) a word of four letters or
    /// more also finds words that begin with it, less a final vowel when it has five or more
    /// ("астана" finds "Астане", "Астаны", "Астанада"): a light stand-in for stemming.
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
                let prefix = prefixMatching && !quoted && folded.count == 1 && !last.isIdeograph && folded[0].count >= 4
                terms.append(Term(tokens: prefix ? [Self.stem(folded[0])] : folded, prefix: prefix))
            }
        }
        var unique: [Term] = []
        for term in terms where !unique.contains(term) { unique.append(term) }
        guard !unique.isEmpty else { return nil }
        self.terms = Array(unique.prefix(Self.maxTerms))
    }

    /// Vowels an inflected word may end in where its other forms end otherwise (Астана, Астане,
    /// Астаны; Алматы, Алматыда).
    static let endingVowels: Set<Character> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я", "ь", "і", "ә", "ө", "ү", "ұ",
                                               "a", "e", "i", "o", "u", "y", "ä", "ö", "ü", "ū", "ı",
                                               "ا", "ە", "ى", "ي", "و", "ۋ", "ۇ", "ٷ"]

    /// A prefix that also finds a word's other forms: a final vowel left off words of five
    /// letters or more.
    static func stem(_ word: String) -> String {
        guard word.count >= 5, let last = word.last, endingVowels.contains(last) else { return word }
        return String(word.dropLast())
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
