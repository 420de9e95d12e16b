import HeraldSupport

extension Slug {
    /// A slug suggested from a headline: Cyrillic (Russian, Kazakh, Uzbek), Latin with diacritics
    /// (Kazakh's 2021 alphabet) and Kazakh's Arabic script transliterated to ASCII, everything else
    /// dropped, words joined by hyphens, at most 80 characters cut at a word. Empty when nothing is
    /// left (a Chinese headline): the caller then falls back to another suggestion.
    public static func suggest(from title: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in title.lowercased().unicodeScalars {
            let mapped: String
            if let ascii = scalar.asciiLetterOrDigit {
                mapped = ascii
            } else if let letters = transliteration[scalar.value] {
                mapped = letters
            } else {
                mapped = ""
                // A letter with no ASCII form (Han, an apostrophe-like sign) joins nothing.
                if !scalar.properties.isAlphabetic || scalar.properties.isIdeographic { pendingHyphen = !out.isEmpty }
                continue
            }
            guard !mapped.isEmpty else { continue }
            if pendingHyphen { out += "-"; pendingHyphen = false }
            out += mapped
        }
        guard out.utf8.count > 80 else { return out }
        var cut = String(out.prefix(80))
        if let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) >= 20 { cut = String(cut[..<hyphen]) }
        return cut
    }

    /// Letters to ASCII by code point: Russian and Kazakh Cyrillic, Uzbek Cyrillic, Kazakh Latin
    /// (2021), Kazakh in Arabic script.
    static let transliteration: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let cyrillic: [(Character, String)] = [
            ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("е", "e"), ("ё", "yo"), ("ж", "zh"), ("з", "z"),
            ("и", "i"), ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"),
            ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "kh"), ("ц", "ts"), ("ч", "ch"), ("ш", "sh"),
            ("щ", "shch"), ("ъ", ""), ("ы", "y"), ("ь", ""), ("э", "e"), ("ю", "yu"), ("я", "ya"),
            // Kazakh
            ("ә", "a"), ("ғ", "gh"), ("қ", "q"), ("ң", "ng"), ("ө", "o"), ("ұ", "u"), ("ү", "u"), ("һ", "h"), ("і", "i"),
            // Uzbek
            ("ў", "o"), ("ҳ", "h"),
            // Kazakh Latin, 2021
            ("ä", "a"), ("ğ", "g"), ("ı", "i"), ("ñ", "n"), ("ö", "o"), ("ū", "u"), ("ü", "u"), ("ş", "sh"), ("ç", "ch"),
            ("é", "e"), ("á", "a"), ("í", "i"), ("ó", "o"), ("ú", "u"),
            // Kazakh, Arabic script
            ("ا", "a"), ("ٵ", "a"), ("ب", "b"), ("ۆ", "v"), ("گ", "g"), ("ع", "gh"), ("د", "d"), ("ە", "e"), ("ج", "zh"),
            ("ز", "z"), ("ي", "i"), ("ٸ", "i"), ("ك", "k"), ("ق", "q"), ("ل", "l"), ("م", "m"), ("ن", "n"), ("ڭ", "ng"),
            ("و", "o"), ("ٶ", "o"), ("پ", "p"), ("ر", "r"), ("س", "s"), ("ت", "t"), ("ۋ", "w"), ("ۇ", "u"), ("ٷ", "u"),
            ("ف", "f"), ("ح", "h"), ("ھ", "h"), ("ش", "sh"), ("چ", "ch"), ("ى", "y"), ("ٴ", ""),
        ]
        for (letter, ascii) in cyrillic {
            for scalar in String(letter).unicodeScalars { table[scalar.value] = ascii }
        }
        return table
    }()
}

private extension Unicode.Scalar {
    /// The scalar itself when it is an ASCII letter or digit (already lower-cased).
    var asciiLetterOrDigit: String? {
        (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) ? String(Character(self)) : nil
    }
}
