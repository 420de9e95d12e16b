import Foundation

/// The scripts Kazakh is written in besides Cyrillic, by BCP 47 tag.
public enum KazakhScript: String, Sendable, CaseIterable {
    /// The Latin alphabet of 2021 (ä, ğ, ı, i, ñ, ö, ş, ū, ü, q …), used by the `qz` edition.
    case latin = "kk-Latn"
    /// The Arabic-script orthography of the Kazakhs of China (töte jazu), used by the `tote` edition.
    case arabic = "kk-Arab"

    /// The script of a language tag ("kk-Latn", "kk-arab-CN"); nil for anything else.
    public init?(languageTag: String) {
        let parts = languageTag.lowercased().split(separator: "-")
        guard parts.first == "kk", parts.count >= 2 else { return nil }
        switch parts[1] {
        case "latn": self = .latin
        case "arab": self = .arabic
        default: return nil
        }
    }

    /// True when a language tag is Kazakh in Cyrillic ("kk", "kk-Cyrl", "kk-KZ").
    public static func isCyrillicKazakh(_ languageTag: String) -> Bool {
        languageTag.lowercased().split(separator: "-").first == "kk" && KazakhScript(languageTag: languageTag) == nil
    }
}

/// Kazakh Cyrillic → Latin (2021) or Arabic script, letter by letter with the orthographies'
/// word rules. A pure function: text that is not Kazakh Cyrillic (Latin words, digits, URLs)
/// passes through, so a mixed paragraph stays readable.
///
/// Latin: і → ı, и and й → i (İ), у → u, ұ → ū, ү → ü, ы → y, ш → ş, ғ → ğ, ң → ñ, қ → q, ж → j,
/// х and һ → h, ә ö ü ä as such; the Russian letters of loanwords as the 2021 rules write them —
/// ё → io, ю → iu, я → ia (after и: a, u), ц → ts, ч → ch, щ → şş, э → e, ъ and ь dropped.
/// Arabic: the letters of the 1924 alphabet without short-vowel marks; a word whose vowels are
/// front (ә, ө, ү, і) and that has no е, к or г (which show it themselves) starts with the hamza
/// ٴ; , ; ? become ، ؛ ؟ (not a comma between digits); digits stay Western.
public enum KazakhTransliteration {
    /// The text in `script`.
    public static func transliterate(_ text: String, to script: KazakhScript) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if isWordLetter(scalars, index) {
                var end = index
                while end < scalars.count, isWordLetter(scalars, end) { end += 1 }
                word(scalars[index..<end], script, into: &out)
                index = end
            } else {
                punctuation(scalars, index, script, into: &out)
                index += 1
            }
        }
        return String(out)
    }

    /// Markdown in `script`: the text changes, the markup does not (inline code, link targets
    /// and bare URLs are kept as written, so links still work).
    public static func transliterateMarkdown(_ text: String, to script: KazakhScript) -> String {
        var result = ""
        var plain = ""
        var rest = Substring(text)
        func flush() {
            result += transliterate(plain, to: script)
            plain = ""
        }
        while let first = rest.first {
            if let kept = keptSpan(rest) {
                flush()
                result += kept
                rest = rest.dropFirst(kept.count)
            } else {
                plain.append(first)
                rest = rest.dropFirst()
            }
        }
        flush()
        return result
    }

    /// A piece of Markdown at the start of `text` that must not change: `code`, "](target)" or a URL.
    private static func keptSpan(_ text: Substring) -> Substring? {
        if text.hasPrefix("`"), let close = text.dropFirst().firstIndex(of: "`") { return text[...close] }
        if text.hasPrefix("]("), let close = text.firstIndex(of: ")") { return text[...close] }
        if text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("mailto:") {
            // A sentence's own punctuation after the address is text, not part of it.
            var url = text.prefix { !$0.isWhitespace && $0 != ")" && $0 != "»" }
            while let last = url.last, ".,;:!?".contains(last) { url = url.dropLast() }
            return url
        }
        return nil
    }

    // MARK: Words

    private static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(scalar.value) }

    /// Latin i and ə typed inside a Cyrillic word (a common keyboard slip for і and ә) count as Kazakh letters.
    private static let lookalikes: [UInt32: Unicode.Scalar] = [0x69: "і", 0x49: "І", 0x259: "ә", 0x18F: "Ә"]

    private static func isWordLetter(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        let scalar = scalars[index]
        if isCyrillic(scalar) { return scalar.properties.isAlphabetic }
        guard lookalikes[scalar.value] != nil else { return false }
        let before = index > 0 && isCyrillic(scalars[index - 1]) && scalars[index - 1].properties.isAlphabetic
        let after = index + 1 < scalars.count && isCyrillic(scalars[index + 1]) && scalars[index + 1].properties.isAlphabetic
        return before || after
    }

    private static func word(_ letters: ArraySlice<Unicode.Scalar>, _ script: KazakhScript, into out: inout String.UnicodeScalarView) {
        let letters = letters.map { lookalikes[$0.value] ?? $0 }
        let lower = letters.map { Character($0).lowercased().unicodeScalars.first! }
        switch script {
        case .latin: latinWord(letters, lower, into: &out)
        case .arabic: arabicWord(lower, into: &out)
        }
    }

    private static func latinWord(_ letters: [Unicode.Scalar], _ lower: [Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        let upper = zip(letters, lower).map { $0 != $1 }
        let allCaps = upper.count > 1 && upper.allSatisfy { $0 }
        for (index, letter) in lower.enumerated() {
            var piece = latin[letter] ?? String(letter)
            if index > 0, lower[index - 1] == "и", letter == "я" || letter == "ю" { piece = String(piece.dropFirst()) }
            guard upper[index], let head = piece.first else {
                out.append(contentsOf: piece.unicodeScalars)
                continue
            }
            let capital = head == "i" ? "İ" : head == "ı" ? "I" : head.uppercased()
            out.append(contentsOf: capital.unicodeScalars)
            out.append(contentsOf: (allCaps ? piece.dropFirst().uppercased() : String(piece.dropFirst())).unicodeScalars)
        }
    }

    private static func arabicWord(_ lower: [Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        let front = lower.contains { "әөүі".unicodeScalars.contains($0) }
        let marked = lower.contains { "еэкг".unicodeScalars.contains($0) }
        if front && !marked { out.append("\u{0674}") }
        for (index, letter) in lower.enumerated() {
            var piece = arabic[letter] ?? String(letter)
            if index > 0, lower[index - 1] == "и", letter == "я" || letter == "ю" { piece = String(piece.dropFirst()) }
            out.append(contentsOf: piece.unicodeScalars)
        }
    }

    private static func punctuation(_ scalars: [Unicode.Scalar], _ index: Int, _ script: KazakhScript,
                                    into out: inout String.UnicodeScalarView) {
        let scalar = scalars[index]
        guard script == .arabic else { out.append(scalar); return }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < scalars.count && ("0"..."9").contains(scalars[i]) }
        switch scalar {
        case ",": out.append(isDigit(index - 1) && isDigit(index + 1) ? "," : "\u{060C}")
        case ";": out.append("\u{061B}")
        case "?": out.append("\u{061F}")
        default: out.append(scalar)
        }
    }

    // MARK: Tables

    /// Lower-case Kazakh Cyrillic → the 2021 Latin alphabet.
    static let latin: [Unicode.Scalar: String] = [
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j", "з": "z",
        "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch",
        "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    ]

    /// Lower-case Kazakh Cyrillic → the Arabic-script letters (no hamza: that is per word).
    static let arabic: [Unicode.Scalar: String] = [
        "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە", "ё": "يو", "ж": "ج", "з": "ز",
        "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل", "м": "م", "н": "ن", "ң": "ڭ", "о": "و", "ө": "و", "п": "پ",
        "р": "ر", "с": "س", "т": "ت", "у": "ۋ", "ұ": "ۇ", "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس", "ч": "چ",
        "ш": "ش", "щ": "شش", "ъ": "", "ы": "ى", "і": "ى", "ь": "", "э": "ە", "ю": "يۋ", "я": "يا",
    ]
}
