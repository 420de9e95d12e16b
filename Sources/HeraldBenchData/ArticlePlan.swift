import Foundation
import HeraldSupport
import NewsCore
import NewsStore

/// The generated newsroom's articles, one at a time in publication order (oldest first), as the
/// fields of an import line: stories in one or several editions (translations follow the original
/// within hours), sections and tags drawn with a long tail, photos, corrections and a few drafts.
struct ArticlePlan {
    struct Settings {
        var articles: Int
        var seed: UInt64
        var bodyBytes: ClosedRange<Int>
        var translatedShare: Double
        var draftShare: Double
        var now: Int64
    }

    private let settings: Settings
    private let vocabulary: Vocabulary
    private let editions: [String]
    private let editionWeights: [Double]
    private let offsets: [String: Int64]
    private let sections: [String]
    private let sectionWeights: [Double]
    private let tags: [String]
    private let tagWeights: [Double]
    private var languages: [String: Language]
    private var random: SplitMix
    /// Stories as edition indexes, with their first publication time, oldest first.
    private var stories: [(editions: [UInt8], published: Int64)] = []
    private var slugs: [String: Set<String>] = [:]
    private var storyIndex = 0
    /// Generated articles not yet handed out, by publication time then generation order.
    private var pending: [(time: Int64, fields: [String: Any])] = []
    /// Articles in stories with more than one edition.
    private(set) var translatedArticles = 0
    var storyCount: Int { stories.count }

    init(settings: Settings, site: SiteSetup, vocabulary: Vocabulary) throws {
        self.settings = settings
        self.vocabulary = vocabulary
        let siteEditions = site.editions ?? []
        editions = siteEditions.map(\.code)
        guard !editions.isEmpty, editions.count < 256 else { throw GeneratorError("the site needs 1 to 255 editions") }
        editionWeights = editions.map { vocabulary.editionWeights[$0] ?? 0.08 }
        offsets = Dictionary(uniqueKeysWithValues: siteEditions.map {
            ($0.code, ["Asia/Almaty", "Asia/Tashkent"].contains($0.timeZone) ? Int64(5 * 3600) : 0)
        })
        sections = (site.sections ?? []).compactMap(\.path)
        sectionWeights = sections.indices.map { 1 / Double($0 + 1).squareRoot() }
        tags = (site.tags ?? []).compactMap(\.slug)
        tagWeights = tags.indices.map { 1 / pow(Double($0 + 1), 0.7) }   // Zipf-like: the first tags dominate
        guard !sections.isEmpty else { throw GeneratorError("the site has no sections") }
        random = SplitMix(seed: settings.seed)
        var languages: [String: Language] = [:]
        for (index, code) in editions.enumerated() {
            var own = SplitMix(seed: settings.seed &+ UInt64(index + 1) &* 7919)
            languages[code] = Language(code: code, vocabulary: vocabulary, random: &own)
        }
        self.languages = languages
        planStories()
    }

    /// Story units summing to the article count: about `translatedShare` of the articles in
    /// stories of 2–7 editions, the rest single; times spread over two years before `now`.
    private mutating func planStories() {
        var units: [[UInt8]] = []
        let grouped = Int((Double(settings.articles) * settings.translatedShare).rounded())
        var placed = 0
        let indexes = editions.indices.map { UInt8($0) }
        while grouped - placed >= 2 {
            var size = min(Int.random(in: 2...editions.count, using: &random), grouped - placed)
            if grouped - placed - size == 1 { size = size < editions.count ? size + 1 : size - 1 }
            var pool = Array(zip(indexes, editionWeights))
            var unit: [UInt8] = []
            for _ in 0..<size {
                let choice = random.pick(Array(pool.indices), weights: pool.map(\.1))
                unit.append(pool.remove(at: choice).0)
            }
            units.append(unit)
            placed += size
        }
        for _ in placed..<settings.articles { units.append([random.pick(indexes, weights: editionWeights)]) }
        units.shuffle(using: &random)
        let span: Int64 = 2 * 365 * 86_400
        let times = units.indices.map { _ in settings.now - span + Int64(random.below(Int(span - 3600))) }.sorted()
        stories = zip(units, times).map { ($0, $1) }
        translatedArticles = units.filter { $0.count > 1 }.reduce(0) { $0 + $1.count }
    }

    /// The next article's fields, or nil after the last. Strictly oldest first: a story's
    /// translations wait until every story that starts before them has been handed out (an
    /// import in publication order only ever appends to its lists).
    mutating func next() -> [String: Any]? {
        while storyIndex < stories.count, pending.first.map({ $0.time > stories[storyIndex].published }) ?? true {
            storyIndex += 1
            pending += story(storyIndex, stories[storyIndex - 1])
            pending.sort { $0.time < $1.time }   // stable: equal times keep generation order
        }
        return pending.isEmpty ? nil : pending.removeFirst().fields
    }

    private mutating func story(_ number: Int, _ unit: (editions: [UInt8], published: Int64)) -> [(time: Int64, fields: [String: Any])] {
        let section = random.pick(sections, weights: sectionWeights)
        var storyTags: [String] = []
        let wanted = min(Int.random(in: 2...5, using: &random), tags.count)
        while storyTags.count < wanted {
            let tag = random.pick(tags, weights: tagWeights)
            if !storyTags.contains(tag) { storyTags.append(tag) }
        }
        let photo = random.chance(0.85) ? "/static/photos/\(vocabulary.photos[random.below(vocabulary.photos.count)]).svg" : nil
        let status = random.chance(settings.draftShare) ? "draft" : "published"
        var time = unit.published
        var articles: [(time: Int64, fields: [String: Any])] = []
        for (position, index) in unit.editions.enumerated() {
            let edition = editions[Int(index)]
            if position > 0 { time = min(settings.now - 60, time + Int64(Int.random(in: 600...(6 * 3600), using: &random))) }
            let language = languages[edition]!
            let (title, slugWords) = language.title(&random)
            var fields: [String: Any] = [
                "edition": edition, "story": "bench-\(number)", "section": section,
                "slug": uniqueSlug(slugWords, edition), "title": title,
                "dateline": language.datelines[random.below(language.datelines.count)],
                "lead": language.text(language.leadRange, &random),
                "body": languages[edition]!.body(settings.bodyBytes, story: number, &random),
                "tags": storyTags, "status": status,
                "published": ArticlePlan.iso(time, offsets[edition] ?? 0),
            ]
            if let photo {
                fields["photo"] = photo
                fields["caption"] = language.text(language.style.script == "zh" ? 15...40 : 40...120, &random)
                fields["credit"] = language.style.credit
            }
            if random.chance(0.15) {
                fields["updated"] = ArticlePlan.iso(min(settings.now, time + Int64(Int.random(in: 600...(2 * 86_400), using: &random))),
                                                    offsets[edition] ?? 0)
            }
            articles.append((time, fields))
        }
        return articles
    }

    /// Slug words joined to at most 80 characters, numbered when the edition has it already.
    private mutating func uniqueSlug(_ words: [String], _ edition: String) -> String {
        var slug = String(words.first?.prefix(80) ?? "article")
        for word in words.dropFirst() {
            if slug.count + 1 + word.count > 80 { break }
            slug += "-" + word
        }
        let base = slug
        var n = 2
        while slugs[edition, default: []].contains(slug) {
            slug = "\(base)-\(n)"
            n += 1
        }
        slugs[edition, default: []].insert(slug)
        return slug
    }

    /// "2026-11-24T07:44:00+05:00" for a Unix time shown at an offset.
    static func iso(_ unix: Int64, _ offset: Int64) -> String {
        let local = unix + offset
        let days = Int((local - ((local % 86_400) + 86_400) % 86_400) / 86_400)
        let seconds = Int(local - Int64(days) * 86_400)
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = offset < 0 ? "-" : "+"
        let minutes = Int(abs(offset) / 60)
        return "\(year)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
            + "\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }
}
