import Foundation
import HeraldSupport
import NewsCore

/// One edition's writing: pools of sentences and paragraphs built once, from which titles, leads
/// and Markdown bodies are drawn. The text is word salad in the edition's script, so sizes,
/// escaping and UTF-8 widths look like real copy.
struct Language {
    let code: String
    let style: Vocabulary.Style
    let words: [(display: String, slug: String)]
    let places: [(display: String, slug: String)]
    let people: [String]
    let datelines: [String]
    let cased: Bool
    let sentences: [String]
    /// Character counts of `sentences` (counting graphemes in Cyrillic or Arabic text is slow).
    let sentenceLengths: [Int]
    /// Character counts of `words`.
    let wordLengths: [Int]
    /// Paragraph pools by size class (50-byte steps).
    private var paragraphPools: [Int: [String]] = [:]
    var titleRange: ClosedRange<Int> { style.script == "zh" ? 18...32 : 60...90 }
    var leadRange: ClosedRange<Int> { style.script == "zh" ? 70...100 : 170...240 }

    init(code: String, vocabulary v: Vocabulary, random: inout SplitMix) {
        let known = v.words[code] != nil ? code : "en"
        self.code = code
        style = v.style[known]!
        words = v.words[known]!.map { ($0[0], $0[1]) }
        places = v.places[known]!.map { ($0[0], $0[1]) }
        people = v.people[style.script] ?? []
        let cased = style.script == "latin" || style.script == "cyrillic"
        self.cased = cased
        datelines = v.places[known]!.map { cased ? $0[0].uppercased() : $0[0] }
        let words = v.words[known]!.map { (display: $0[0], slug: $0[1]) }
        let places = v.places[known]!.map { (display: $0[0], slug: $0[1]) }
        let style = v.style[known]!
        var pool: [String] = []
        pool.reserveCapacity(4000)
        let range = style.sentenceWords[0]...style.sentenceWords[1]
        for _ in 0..<4000 {
            let n = Int.random(in: range, using: &random)
            var picked = (0..<n).map { _ in words[random.below(words.count)].display }
            if random.chance(0.35) { picked[random.below(n)] = places[random.below(places.count)].display }
            if random.chance(0.35) { picked[random.below(n)] = v.numbers[random.below(v.numbers.count)] }
            if n > 8, random.chance(0.5) { let cut = Int.random(in: 3...(n - 3), using: &random); picked[cut] += style.comma }
            pool.append(Language.capitalised(picked.joined(separator: style.separator), cased) + style.stop)
        }
        sentences = pool
        sentenceLengths = pool.map(\.count)
        wordLengths = words.map(\.display.count)
    }

    static func capitalised(_ text: String, _ cased: Bool) -> String {
        guard cased, let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A headline of the edition's usual length and the slug words it is made of.
    func title(_ random: inout SplitMix) -> (title: String, slugWords: [String]) {
        let target = Int.random(in: titleRange, using: &random)
        var display: [String] = []
        var slugs: [String] = []
        var length = 0
        if random.chance(0.5) {
            let place = places[random.below(places.count)]
            display.append(place.display)
            slugs.append(place.slug)
            length = place.display.count
        }
        while true {
            let pick = random.below(words.count)
            let word = words[pick]
            let extra = wordLengths[pick] + (display.isEmpty ? 0 : style.separator.count)
            if length + extra > titleRange.upperBound {
                if length >= titleRange.lowerBound { break }
                continue
            }
            display.append(word.display)
            slugs.append(word.slug)
            length += extra
            if length >= target { break }
        }
        return (Language.capitalised(display.joined(separator: style.separator), cased), slugs)
    }

    /// Sentences joined to between `range` characters (a long one is cut at a word).
    func text(_ range: ClosedRange<Int>, _ random: inout SplitMix) -> String {
        let target = Int.random(in: range, using: &random)
        var parts: [String] = []
        var length = 0
        while length < target {
            let pick = random.below(sentences.count)
            if length > 0 && length + sentenceLengths[pick] > range.upperBound { break }
            parts.append(sentences[pick])
            length += sentenceLengths[pick] + style.separator.count
        }
        let text = parts.joined(separator: style.separator)
        // One sentence longer than the range: cut it.
        return length - style.separator.count > range.upperBound ? String(text.prefix(range.upperBound - 1)) + "…" : text
    }

    /// A paragraph of about `budget` UTF-8 bytes, from a pool built on first use.
    mutating func paragraph(_ budget: Int, _ random: inout SplitMix) -> String {
        let key = max(1, (budget + 25) / 50)
        if paragraphPools[key] == nil {
            let target = key * 50
            paragraphPools[key] = (0..<300).map { _ in
                var picked: [String] = []
                var size = 0
                while true {
                    let sentence = sentences[random.below(sentences.count)]
                    if !picked.isEmpty && size + sentence.utf8.count / 2 > target { break }
                    picked.append(sentence)
                    size += sentence.utf8.count + 1
                }
                return picked.joined(separator: style.separator)
            }
        }
        let pool = paragraphPools[key]!
        return pool[random.below(pool.count)]
    }

    /// A Markdown body of about `bytes` UTF-8 bytes: paragraphs, often a quote, a heading, a list,
    /// a link and some bold text.
    mutating func body(_ bytes: ClosedRange<Int>, story: Int, _ random: inout SplitMix) -> String {
        let target = Int.random(in: bytes, using: &random)
        var extras: [(block: String, after: Int)] = []
        if random.chance(0.6), !people.isEmpty {
            extras.append(("> \(style.quotes[0])\(sentences[random.below(sentences.count)])\(style.quotes[1]) — \(people[random.below(people.count)])", 1))
        }
        if random.chance(0.6) {
            let heading = (0..<Int.random(in: 3...6, using: &random)).map { _ in words[random.below(words.count)].display }
            extras.append(("## " + Language.capitalised(heading.joined(separator: style.separator), cased), 2))
        }
        if random.chance(0.2) {
            extras.append(((0..<Int.random(in: 3...4, using: &random)).map { _ in "- " + sentences[random.below(sentences.count)] }
                .joined(separator: "\n"), 2))
        }
        let link = random.chance(0.5) ? "\(style.separator)[\(style.linkText)](https://example.org/reports/\(story))" : ""
        let bold = random.chance(0.3) ? "**\(words[random.below(words.count)].display)**\(style.separator)" : ""
        let budget = target - extras.reduce(0) { $0 + $1.block.utf8.count + 2 } - link.utf8.count - bold.utf8.count
        let count = Int.random(in: 4...7, using: &random)
        var blocks = (0..<count).map { _ in paragraph(max(80, budget / count), &random) }
        if !link.isEmpty { blocks[random.below(count)] += link }
        if !bold.isEmpty { let i = random.below(count); blocks[i] = bold + blocks[i] }
        for extra in extras { blocks.insert(extra.block, at: Int.random(in: extra.after...(blocks.count - 1), using: &random)) }
        return blocks.joined(separator: "\n\n")
    }
}
