import Foundation
import HeraldSupport
import NewsCore
import NewsStore
import ReaderSite
import Templates

/// The article form's fields: named as in the import format, plus `bylines` (one per line),
/// `published` (a local time in the edition's zone, `datetime-local`) and `note` (a correction).
enum ArticleForm {
    /// The fields the form carries, in order.
    static let fields = ["edition", "story", "section", "slug", "title", "dateline", "lead", "body", "tags", "photo", "alt", "caption",
                         "credit", "bylines", "published", "note", "revision", "source_revision"]

    /// The values of a form submission (missing fields empty).
    static func values(_ form: [(name: String, value: String)]) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in form where fields.contains(name) && values[name] == nil { values[name] = value }
        return values
    }

    /// An article's fields as the form shows them.
    static func values(of fields: ArticleInput, plannedAt: Int64?, context: EditionContext?) -> [String: String] {
        [
            "edition": fields.edition, "story": fields.story, "section": fields.section, "slug": fields.slug, "title": fields.title,
            "dateline": fields.dateline, "lead": fields.lead, "body": fields.body, "tags": fields.tags.map(\.slug).joined(separator: ", "),
            "photo": fields.photo ?? "", "alt": fields.alt ?? "", "caption": fields.caption ?? "", "credit": fields.credit ?? "",
            "bylines": fields.bylines.joined(separator: "\n"),
            "published": plannedAt.flatMap { time in context.map { localInput(time, $0) } } ?? "",
        ]
    }

    /// The validated fields and planned time of a submission, or every problem by field. An empty
    /// slug is made from the headline, an empty story key is the slug; a draft may have no body
    /// yet (publishing needs one).
    static func parse(_ values: [String: String], context: EditionContext?, now: Int64) -> (ArticleInput?, Int64?, [String: String]) {
        var errors: [String: String] = [:]
        func text(_ field: String) -> String { (values[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var slug = text("slug")
        if slug.isEmpty { slug = Slug.suggest(from: text("title")) }
        if slug.isEmpty, !text("title").isEmpty { slug = "article-\(now)" }
        let story = text("story").isEmpty ? slug : text("story")
        var planned: Int64?
        if !text("published").isEmpty {
            if let context, let time = unix(fromLocal: text("published"), context) { planned = time } else {
                errors["published"] = "must be a date and time"
            }
        }
        var object: [String: Any] = [
            "edition": text("edition"), "story": story, "section": text("section"), "slug": slug, "title": text("title"),
            "dateline": text("dateline"), "lead": text("lead"), "body": text("body").isEmpty ? "-" : values["body"]!, "status": "draft",
            "tags": text("tags").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty },
            "bylines": (values["bylines"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) },
            "published": LocalDateTime(unix: planned ?? now, offsetSeconds: 0).isoUTC,
        ]
        for optional in ["photo", "alt", "caption", "credit"] where !text(optional).isEmpty { object[optional] = text(optional) }
        if context == nil { errors["edition"] = "is not an edition you work in" }
        // Every photo is described for readers who cannot see it (each edition in its own words).
        if !text("photo").isEmpty, text("alt").isEmpty { errors["alt"] = Templates.NewsroomStrings.english.media.altRequired }
        switch ArticleInput.validate(object) {
        case .success(var input) where errors.isEmpty:
            if text("body").isEmpty { input.body = "" }
            return (input, planned, [:])
        case .success:
            return (nil, planned, errors)
        case .failure(let problems):
            for problem in problems.all where errors[problem.field] == nil { errors[problem.field == "line" ? "title" : problem.field] = problem.message }
            return (nil, planned, errors)
        }
    }

    /// "2026-11-29T15:00" in the edition's zone.
    static func localInput(_ unix: Int64, _ context: EditionContext) -> String {
        let t = context.local(unix)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.year)-\(two(t.month))-\(two(t.day))T\(two(t.hour)):\(two(t.minute))"
    }

    /// The Unix time of a `datetime-local` value ("2026-11-29T15:00", seconds optional) in the
    /// edition's zone; nil when it is not one.
    static func unix(fromLocal text: String, _ context: EditionContext) -> Int64? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = CivilCalendar.parseDay(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), let hour = clock[0], let minute = clock[1], (0..<24).contains(hour), (0..<60).contains(minute),
              clock.count == 2 || (clock[2].map { (0..<60).contains($0) } ?? false) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.timeZone
        let components = DateComponents(year: day.0, month: day.1, day: day.2, hour: hour, minute: minute, second: clock.count == 3 ? (clock[2] ?? 0) : 0)
        return calendar.date(from: components).map { Int64($0.timeIntervalSince1970) }
    }

    /// The fields two versions are compared by, with their labels.
    static func comparable(_ fields: ArticleInput, plannedAt: Int64?, _ s: Templates.NewsroomStrings) -> [(String, String)] {
        [(s.headline, fields.title), (s.slug, fields.slug), (s.section, fields.section), (s.story, fields.story),
         (s.dateline, fields.dateline), (s.lead, fields.lead), (s.body, fields.body),
         (s.tags, fields.tags.map(\.slug).joined(separator: ", ")), (s.bylines, fields.bylines.joined(separator: ", ")),
         (s.photo, fields.photo ?? ""), (s.alt, fields.alt ?? ""), (s.caption, fields.caption ?? ""), (s.credit, fields.credit ?? "")]
    }
}
