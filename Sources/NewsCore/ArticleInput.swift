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
    public var status: ArticleStatus
    public var publishedAt: Int64
    public var updatedAt: Int64?
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

extension ArticleInput {
    /// The fields an import line may carry; anything else is refused so typos are not lost silently.
    public static let knownFields: Set<String> = [
        "edition", "story", "section", "slug", "title", "dateline", "lead", "body", "tags", "photo",
        "caption", "credit", "published", "updated", "status",
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
        do {
            return .success(try parse(object: fields))
        } catch let error as InputError {
            return .failure(error)
        } catch {
            return .failure(InputError(field: "line", message: "\(error)"))
        }
    }

    static func parse(object: [String: Any]) throws -> ArticleInput {
        if let unknown = object.keys.sorted().first(where: { !knownFields.contains($0) }) {
            throw InputError(field: unknown, message: "unknown field")
        }
        let reader = FieldReader(object: object)
        let edition = try reader.string("edition", max: 8)
        guard edition.allSatisfy({ $0.isASCII && $0.isLowercase }), edition.count >= 2 else {
            throw InputError(field: "edition", message: "must be an edition code such as \"en\"")
        }
        let story = try reader.string("story", max: 200)
        let section = try reader.string("section", max: 400)
        guard Slug.isValidPath(section) else {
            throw InputError(field: "section", message: "must be a section path such as \"news/elections\"")
        }
        let slug = try reader.string("slug", max: Slug.maxLength)
        guard Slug.isValid(slug) else {
            throw InputError(field: "slug", message: "must be lower-case letters, digits and single hyphens")
        }
        let title = try reader.string("title", max: 500)
        let body = try reader.string("body", max: 500_000)
        let published = try reader.timestamp("published", required: true)!
        let updated = try reader.timestamp("updated", required: false)
        if let updated, updated < published {
            throw InputError(field: "updated", message: "is earlier than \"published\"")
        }
        let statusText = try reader.optionalString("status", max: 20) ?? "published"
        guard let status = ArticleStatus(rawValue: statusText) else {
            throw InputError(field: "status", message: "must be \"published\" or \"draft\"")
        }
        let photo = try reader.optionalString("photo", max: 2048)
        if let photo, !Markdown.isSafeLink(photo) || photo.lowercased().hasPrefix("mailto:") {
            throw InputError(field: "photo", message: "must be an http(s) URL or a path starting with /")
        }
        return ArticleInput(
            edition: edition, story: story, section: section, slug: slug, title: title,
            dateline: try reader.optionalString("dateline", max: 100) ?? "",
            lead: try reader.optionalString("lead", max: 5000) ?? "", body: body, tags: try reader.tags(),
            photo: photo, caption: try reader.optionalString("caption", max: 1000),
            credit: try reader.optionalString("credit", max: 300),
            status: status, publishedAt: published, updatedAt: updated)
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
