import HeraldSupport
import Foundation

/// One article as an import line describes it, validated.
public struct ArticleInput: Sendable, Equatable {
    /// A tag reference: the slug, and the display name when the line gave one.
    public struct TagRef: Sendable, Equatable {
        public var slug: String
        public var name: String?
        public init(slug: String, name: String?) {
            self.slug = slug
            self.name = name
        }
    }

    public var edition: String
    public var story: String
    public var section: String
    public var slug: String
    public var title: String
    public var dateline: String
    public var lead: String
    public var body: String
    public var tags: [TagRef]
    public var photo: String?
    public var caption: String?
    public var credit: String?
    /// The photo's alternative text: what it shows, for readers who cannot see it (not the caption).
    public var alt: String? = nil
    /// The authors named on the article, in order.
    public var bylines: [String]
    public var status: ArticleStatus
    public var publishedAt: Int64
    public var updatedAt: Int64?

    /// Builds validated fields (callers that have them already: revisions, the newsroom).
    public init(edition: String, story: String, section: String, slug: String, title: String, dateline: String, lead: String,
                body: String, tags: [TagRef], photo: String?, caption: String?, credit: String?, bylines: [String],
                status: ArticleStatus, publishedAt: Int64, updatedAt: Int64?) {
        self.edition = edition
        self.story = story
        self.section = section
        self.slug = slug
        self.title = title
        self.dateline = dateline
        self.lead = lead
        self.body = body
        self.tags = tags
        self.photo = photo
        self.caption = caption
        self.credit = credit
        self.bylines = bylines
        self.status = status
        self.publishedAt = publishedAt
        self.updatedAt = updatedAt
    }
}

/// A problem with one field of an import line.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The JSON field at fault ("slug"), or "line" for the line as a whole.
    public var field: String
    /// What is wrong, for people.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field == "line" ? message : "field \"\(field)\": \(message)" }
}

/// Every problem found in one article's fields (never empty).
public struct InputErrors: Error, Equatable, Sendable, CustomStringConvertible {
    public var all: [InputError]

    public init(_ all: [InputError]) { self.all = all }

    /// The first message for a field, if any.
    public func message(for field: String) -> String? { all.first { $0.field == field }?.message }

    public var description: String { all.map(\.description).joined(separator: "; ") }
}

extension ArticleInput {
    /// The fields an import line may carry; anything else is refused so typos are not lost silently.
    public static let knownFields: Set<String> = [
        "edition", "story", "section", "slug", "title", "dateline", "lead", "body", "tags", "photo",
        "caption", "alt", "credit", "published", "updated", "status", "bylines",
    ]

    /// Parses and validates one JSON Lines line.
    public static func parse(line: String) -> Result<ArticleInput, InputError> {
        guard let data = line.data(using: .utf8),
              let object = (try? JSONSerialization.jsonObject(with: data, options: [])) as? [String: Any] else {
            return .failure(InputError(field: "line", message: "not a JSON object"))
        }
        return parse(fields: object)
    }

    /// Validates an article given as JSON-like fields (what a decoded import line holds), for
    /// tools that build articles without writing JSON text; the same rules as `parse(line:)`.
    public static func parse(fields: [String: Any]) -> Result<ArticleInput, InputError> {
        validate(fields).mapError { $0.all[0] }
    }

    /// Validates every field and reports every problem, each with its field (the newsroom shows
    /// them beside their fields); the first one is what an import line reports.
    public static func validate(_ object: [String: Any]) -> Result<ArticleInput, InputErrors> {
        var errors: [InputError] = []
        if let unknown = object.keys.sorted().first(where: { !knownFields.contains($0) }) {
            return .failure(InputErrors([InputError(field: unknown, message: "unknown field")]))
        }
        let reader = FieldReader(object: object)
        func check<T>(_ value: @autoclosure () throws -> T) -> T? {
            do { return try value() } catch let error as InputError { errors.append(error) } catch {}
            return nil
        }
        let edition = check(try reader.edition())
        let story = check(try reader.string("story", max: 200))
        let section = check(try reader.sectionPath())
        let slug = check(try reader.slug())
        let title = check(try reader.string("title", max: 500))
        let dateline = check(try reader.optionalString("dateline", max: 100) ?? "")
        let lead = check(try reader.optionalString("lead", max: 5000) ?? "")
        let body = check(try reader.string("body", max: 500_000))
        let tags = check(try reader.tags())
        let photo = check(try reader.photo())
        let caption = check(try reader.optionalString("caption", max: 1000))
        let alt = check(try reader.optionalString("alt", max: 1000))
        let credit = check(try reader.optionalString("credit", max: 300))
        let bylines = check(try reader.bylines())
        let published = check(try reader.timestamp("published", required: true)!)
        let updated = check(try reader.timestamp("updated", required: false))
        if let published, let updated, let moment = updated, moment < published {
            errors.append(InputError(field: "updated", message: "is earlier than \"published\""))
        }
        let status = check(try reader.status())
        guard errors.isEmpty, let edition, let story, let section, let slug, let title, let dateline, let lead, let body,
              let tags, let photo, let caption, let alt, let credit, let bylines, let published, let updated, let status else {
            return .failure(InputErrors(errors))
        }
        var article = ArticleInput(edition: edition, story: story, section: section, slug: slug, title: title,
                                   dateline: dateline, lead: lead, body: body, tags: tags, photo: photo, caption: caption,
                                   credit: credit, bylines: bylines, status: status, publishedAt: published, updatedAt: updated)
        article.alt = alt
        return .success(article)
    }
}

/// Typed access to a decoded JSON object with field-naming errors.
struct FieldReader {
    let object: [String: Any]

    func optionalString(_ field: String, max: Int) throws -> String? {
        guard let value = object[field], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw InputError(field: field, message: "must be a string") }
        let trimmed = text.trimmedWhitespace()
        guard trimmed.utf8.count <= max || trimmed.count <= max else {
            throw InputError(field: field, message: "is longer than \(max) characters")
        }
        // Bytes, not scalars: every control character is one byte in UTF-8 (and no other byte is below 0x20).
        guard !trimmed.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) else {
            throw InputError(field: field, message: "contains control characters")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    func string(_ field: String, max: Int) throws -> String {
        guard object[field] != nil else { throw InputError(field: field, message: "is missing") }
        guard let text = try optionalString(field, max: max) else { throw InputError(field: field, message: "is empty") }
        return text
    }

    func timestamp(_ field: String, required: Bool) throws -> Int64? {
        guard let text = try optionalString(field, max: 40) else {
            if required { throw InputError(field: field, message: "is missing") }
            return nil
        }
        guard let value = CivilCalendar.parseTimestamp(text) else {
            throw InputError(field: field, message: "must be an ISO 8601 time with an offset, e.g. 2026-11-24T07:44:00+05:00")
        }
        return value
    }

    func edition() throws -> String {
        let edition = try string("edition", max: 8)
        guard edition.allSatisfy({ $0.isASCII && $0.isLowercase }), edition.count >= 2 else {
            throw InputError(field: "edition", message: "must be an edition code such as \"en\"")
        }
        return edition
    }

    func sectionPath() throws -> String {
        let section = try string("section", max: 400)
        guard Slug.isValidPath(section) else {
            throw InputError(field: "section", message: "must be a section path such as \"news/elections\"")
        }
        return section
    }

    func slug() throws -> String {
        let slug = try string("slug", max: Slug.maxLength)
        guard Slug.isValid(slug) else {
            throw InputError(field: "slug", message: "must be lower-case letters, digits and single hyphens")
        }
        return slug
    }

    func photo() throws -> String? {
        let photo = try optionalString("photo", max: 2048)
        if let photo, !Markdown.isSafeLink(photo) || photo.lowercased().hasPrefix("mailto:") {
            throw InputError(field: "photo", message: "must be an http(s) URL or a path starting with /")
        }
        return photo
    }

    func status() throws -> ArticleStatus {
        let text = try optionalString("status", max: 20) ?? "published"
        guard let status = ArticleStatus(rawValue: text) else {
            throw InputError(field: "status", message: "must be \"published\" or \"draft\"")
        }
        return status
    }

    /// Names, as an array of strings (each 1–100 characters, at most 10).
    func bylines() throws -> [String] {
        guard let raw = object["bylines"], !(raw is NSNull) else { return [] }
        guard let list = raw as? [Any] else { throw InputError(field: "bylines", message: "must be an array of names") }
        guard list.count <= 10 else { throw InputError(field: "bylines", message: "has more than 10 names") }
        var names: [String] = []
        for item in list {
            guard let name = (item as? String)?.trimmedWhitespace() else {
                throw InputError(field: "bylines", message: "each byline must be a name")
            }
            guard !name.isEmpty else { continue }
            guard name.count <= 100, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw InputError(field: "bylines", message: "a name is longer than 100 characters or holds control characters")
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    func tags() throws -> [ArticleInput.TagRef] {
        guard let raw = object["tags"], !(raw is NSNull) else { return [] }
        guard let list = raw as? [Any] else { throw InputError(field: "tags", message: "must be an array") }
        guard list.count <= 30 else { throw InputError(field: "tags", message: "has more than 30 tags") }
        var seen = Set<String>()
        var result: [ArticleInput.TagRef] = []
        for item in list {
            let ref: ArticleInput.TagRef
            if let slug = item as? String {
                ref = .init(slug: slug, name: nil)
            } else if let entry = item as? [String: Any], let slug = entry["slug"] as? String {
                let name = (entry["name"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
                guard name.map({ !$0.isEmpty && $0.count <= 100 }) ?? true else {
                    throw InputError(field: "tags", message: "tag \"\(slug)\" has an empty or over-long name")
                }
                ref = .init(slug: slug, name: name)
            } else {
                throw InputError(field: "tags", message: "each tag must be a slug string or {\"slug\", \"name\"}")
            }
            guard Slug.isValid(ref.slug) else {
                throw InputError(field: "tags", message: "\"\(ref.slug.prefix(40))\" is not a valid tag slug")
            }
            if seen.insert(ref.slug).inserted { result.append(ref) }
        }
        return result
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode White_Space), in Swift: Foundation's
    /// trimmingCharacters bridges through CFString and dominated import time on large bodies.
    public func trimmedWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
