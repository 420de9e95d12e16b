import Foundation
import HeraldSupport
import NewsCore

/// An IPTC ninjs news item (2.x; the 1.x names Superdesk and other agency systems send are read
/// too), as far as it becomes an article. Unknown properties are ignored; a property that is
/// mapped but has the wrong type is refused with its path.
public struct NinjsItem: Sendable, Equatable {
    /// A publication state (`pubstatus`).
    public enum PubStatus: String, Sendable, CaseIterable {
        case usable, withheld, canceled
    }

    public struct Photo: Sendable, Equatable {
        public var url: String
        public var caption: String?
        public var credit: String?
        public var alt: String?
    }

    /// `uri` (2.x) or `guid` (1.x): the item's identity across versions.
    public var uri: String
    /// `version`, a whole number in a string: a newer one replaces, an older or equal one changes nothing.
    public var version: Int64
    /// `language`, a BCP 47 tag: picks the edition.
    public var language: String
    /// `headlines` (the "main" one, else the first) or `headline`.
    public var headline: String
    /// `bodies` (text/html first) or `body_html`, else `body_text`: as body Markdown.
    public var body: String?
    /// `descriptions` (a summary, else the first) or `description_text` / `description_html`.
    public var lead: String?
    /// `subjects` or `subject`: tags, by slug, with their names.
    public var tags: [ArticleInput.TagRef]
    /// `by` or `byline`: the authors.
    public var bylines: [String]
    /// `located`.
    public var dateline: String?
    /// `slugline`: the URL slug's words (else the headline's).
    public var slugline: String?
    /// An `altids` entry with role "story": items of one story in several languages share it,
    /// so their articles are one story (the language switcher links them).
    public var story: String?
    /// The `associations` entry that is the article's picture: "featuremedia", else the first picture.
    public var photo: Photo?
    public var pubstatus: PubStatus
    /// `embargoed`, Unix seconds: not published before.
    public var embargoed: Int64?
}

/// Reads ninjs JSON into a `NinjsItem`, collecting every problem with its path.
public enum Ninjs {
    /// The longest item accepted (bytes of JSON).
    public static let maxBytes = 4 << 20

    /// Parses and checks one item.
    public static func parse(_ bytes: [UInt8]) -> Result<NinjsItem, InputErrors> {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [])) as? [String: Any] else {
            return .failure(InputErrors([InputError(field: "item", message: "is not a JSON object")]))
        }
        return parse(object)
    }

    public static func parse(_ object: [String: Any]) -> Result<NinjsItem, InputErrors> {
        var errors: [InputError] = []
        let item = NinjsFields(object, path: "")
        func check<T>(_ value: @autoclosure () throws -> T) -> T? {
            do { return try value() } catch let error as InputError { errors.append(error) } catch {}
            return nil
        }
        let uri = check(try item.identity())
        let version = check(try item.version())
        if let type = check(try item.string("type", max: 40)), let type, type != "text" {
            errors.append(InputError(field: "type", message: "only text items become articles (this one is \"\(type.prefix(40))\")"))
        }
        let language = check(try item.required(item.string("language", max: 35), "language", "is missing: it picks the edition"))
        let headline = check(try item.headline())
        let body = check(try item.body())
        let lead = check(try item.lead())
        let tags = check(try item.subjects())
        let bylines = check(try item.bylines(item.string("by", max: 1000) ?? item.string("byline", max: 1000), field: item.has("by") ? "by" : "byline"))
        let dateline = check(try item.string("located", max: 100))
        let slugline = check(try item.string("slugline", max: 200))
        let story = check(try item.storyID())
        let photo = check(try item.photo())
        let pubstatus = check(try item.pubstatus())
        let embargoed = check(try item.time("embargoed"))
        guard errors.isEmpty, let uri, let version, let language, let headline, let body, let lead, let tags, let bylines,
              let dateline, let slugline, let story, let photo, let pubstatus, let embargoed else {
            return .failure(InputErrors(errors))
        }
        return .success(NinjsItem(uri: uri, version: version, language: language, headline: headline, body: body, lead: lead,
                                  tags: tags, bylines: bylines, dateline: dateline, slugline: slugline, story: story, photo: photo,
                                  pubstatus: pubstatus, embargoed: embargoed))
    }
}

/// Typed access to one JSON object of an item, errors naming the property's path
/// ("associations[0].renditions[1].href").
struct NinjsFields {
    let object: [String: Any]
    let path: String

    init(_ object: [String: Any], path: String) {
        self.object = object
        self.path = path
    }

    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func has(_ key: String) -> Bool { object[key].map { !($0 is NSNull) } ?? false }

    func required<T>(_ value: T?, _ key: String, _ message: String) throws -> T {
        guard let value else { throw InputError(field: name(key), message: message) }
        return value
    }

    /// A string property, trimmed; nil when absent, null or empty.
    func string(_ key: String, max: Int) throws -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw InputError(field: name(key), message: "must be a string") }
        let trimmed = text.trimmedWhitespace()
        guard trimmed.count <= max else { throw InputError(field: name(key), message: "is longer than \(max) characters") }
        return trimmed.isEmpty ? nil : trimmed
    }

    func array(_ key: String) throws -> [Any]? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        guard let list = value as? [Any] else { throw InputError(field: name(key), message: "must be an array") }
        return list
    }

    /// The objects of an array property, each with its own path.
    func objects(_ key: String) throws -> [NinjsFields] {
        guard let list = try array(key) else { return [] }
        return try list.enumerated().map { index, element in
            guard let entry = element as? [String: Any] else {
                throw InputError(field: "\(name(key))[\(index)]", message: "must be an object")
            }
            return NinjsFields(entry, path: "\(name(key))[\(index)]")
        }
    }

    /// A ninjs text array (`headlines`, `bodies`, `descriptions`): objects with a string `value`.
    func texts(_ key: String, max: Int) throws -> [(role: String?, contentType: String?, value: String)] {
        try objects(key).compactMap { entry in
            guard entry.object["value"] != nil else { throw InputError(field: entry.name("value"), message: "is missing") }
            guard let value = try entry.string("value", max: max) else { return nil }
            return (try entry.string("role", max: 100)?.lowercased(), try entry.string("contenttype", max: 100)?.lowercased(), value)
        }
    }

    func identity() throws -> String {
        let uri = try string("uri", max: 1000) ?? string("guid", max: 1000)
        guard let uri else { throw InputError(field: name("uri"), message: "is missing: the item's uri (or guid) says which article it is") }
        guard !uri.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw InputError(field: name(has("uri") ? "uri" : "guid"), message: "contains control characters")
        }
        return uri
    }

    func version() throws -> Int64 {
        guard let raw = object["version"], !(raw is NSNull) else {
            throw InputError(field: name("version"), message: "is missing: updates are applied in version order")
        }
        guard let text = raw as? String else { throw InputError(field: name("version"), message: "must be a string of digits, e.g. \"2\"") }
        guard (1...18).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let version = Int64(text) else {
            throw InputError(field: name("version"), message: "must be a whole number, e.g. \"2\"")
        }
        return version
    }

    func headline() throws -> String {
        if has("headlines") {
            let all = try texts("headlines", max: 500)
            guard let chosen = all.first(where: { $0.role == "main" }) ?? all.first else {
                throw InputError(field: name("headlines"), message: "has no headline with a value")
            }
            return chosen.value
        }
        guard let headline = try string("headline", max: 500) else {
            throw InputError(field: name("headlines"), message: "is missing: an article needs a headline")
        }
        return headline
    }

    /// The body as Markdown: HTML converted (`HTMLBody`), plain text as paragraphs.
    func body() throws -> String? {
        if has("bodies") {
            let all = try texts("bodies", max: 2_000_000)
            if let html = all.first(where: { $0.contentType?.hasPrefix("text/html") == true || $0.contentType == "application/xhtml+xml" }) {
                return nonEmpty(HTMLBody.markdown(html.value))
            }
            if let text = all.first(where: { $0.contentType == nil || $0.contentType?.hasPrefix("text/plain") == true }) {
                return nonEmpty(HTMLBody.markdown(plainText: text.value))
            }
            return nil
        }
        if let html = try string("body_html", max: 2_000_000) { return nonEmpty(HTMLBody.markdown(html)) }
        if let text = try string("body_text", max: 2_000_000) { return nonEmpty(HTMLBody.markdown(plainText: text)) }
        return nil
    }

    func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    func lead() throws -> String? {
        if has("descriptions") {
            let all = try texts("descriptions", max: 20_000)
            let chosen = all.first { ["summary", "abstract", "lead", "teaser"].contains($0.role ?? "") } ?? all.first { $0.role == nil } ?? all.first
            return chosen.flatMap { $0.contentType?.hasPrefix("text/html") == true ? nonEmpty(HTMLBody.plainText($0.value)) : $0.value }
        }
        if let text = try string("description_text", max: 20_000) { return text }
        return try string("description_html", max: 50_000).flatMap { nonEmpty(HTMLBody.plainText($0)) }
    }

    /// `subjects` (2.x: name, literal, uri) or `subject` (1.x: name, code): tags whose slug is
    /// the name's (transliterated), else the code's.
    func subjects() throws -> [ArticleInput.TagRef] {
        let key = has("subjects") ? "subjects" : "subject"
        var seen = Set<String>()
        var tags: [ArticleInput.TagRef] = []
        for entry in try objects(key) {
            let name = try entry.string("name", max: 100)
            let code = try entry.string("literal", max: 200) ?? entry.string("code", max: 200)
            _ = try entry.string("uri", max: 2000)
            let slug = [name, code].compactMap { $0 }.map(Slug.suggest(from:)).first { !$0.isEmpty && Slug.isValid($0) }
            guard let slug else {
                guard name != nil || code != nil else { throw InputError(field: entry.name("name"), message: "is missing: a subject needs a name") }
                continue     // A name with no letters or digits to make a slug of (punctuation only).
            }
            guard seen.insert(slug).inserted else { continue }
            tags.append(ArticleInput.TagRef(slug: slug, name: name ?? code))
        }
        guard tags.count <= 30 else { throw InputError(field: name(key), message: "has more than 30 subjects (an article takes 30 tags)") }
        return tags
    }

    /// "By Dana Ospanova and Arman Seitkali" → two names.
    func bylines(_ text: String?, field: String) throws -> [String] {
        guard var text else { return [] }
        for prefix in ["By ", "by ", "BY "] where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        var names: [String] = []
        for part in text.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " & ", with: ",")
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard name.count <= 100 else { throw InputError(field: self.name(field), message: "a name is longer than 100 characters") }
            if !names.contains(name) { names.append(name) }
        }
        guard names.count <= 10 else { throw InputError(field: self.name(field), message: "names more than 10 authors") }
        return names
    }

    /// The value of the `altids` entry whose role is "story" (at most 180 characters).
    func storyID() throws -> String? {
        for entry in try objects("altids") {
            guard try entry.string("role", max: 100)?.lowercased() == "story" else { continue }
            guard let value = try entry.string("value", max: 180) else {
                throw InputError(field: entry.name("value"), message: "is missing: a story altid needs a value")
            }
            return value
        }
        return nil
    }

    func pubstatus() throws -> NinjsItem.PubStatus {
        guard let text = try string("pubstatus", max: 20) else { return .usable }
        guard let status = NinjsItem.PubStatus(rawValue: text) else {
            throw InputError(field: name("pubstatus"), message: "must be usable, withheld or canceled")
        }
        return status
    }

    func time(_ key: String) throws -> Int64? {
        guard let text = try string(key, max: 40) else { return nil }
        guard let value = CivilCalendar.parseTimestamp(text) else {
            throw InputError(field: name(key), message: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-02T09:00:00+05:00")
        }
        return value
    }

    /// The picture among `associations` (2.x: an array of items with a `name`; 1.x: an object
    /// of items by name): "featuremedia", else the first picture. Its largest rendition with an
    /// http(s) `href` is the photo; nil when there is none (a picture sent separately).
    func photo() throws -> NinjsItem.Photo? {
        guard let raw = object["associations"], !(raw is NSNull) else { return nil }
        var entries: [(name: String?, fields: NinjsFields)] = []
        if raw is [Any] {
            entries = try objects("associations").map { (try $0.string("name", max: 200), $0) }
        } else if let map = raw as? [String: Any] {
            for key in map.keys.sorted() {
                guard let value = map[key], !(value is NSNull) else { continue }
                guard let entry = value as? [String: Any] else { throw InputError(field: name("associations") + "." + key, message: "must be an object") }
                entries.append((key, NinjsFields(entry, path: name("associations") + "." + key)))
            }
        } else {
            throw InputError(field: name("associations"), message: "must be an array of items (or an object of items by name)")
        }
        var pictures: [NinjsFields] = []
        for entry in entries {
            let type = try entry.fields.string("type", max: 40)
            if type == "picture" || (type == nil && entry.name == "featuremedia") { pictures.append(entry.fields) }
        }
        let featured = entries.first { $0.name == "featuremedia" }.map(\.fields).flatMap { f in pictures.first { $0.path == f.path } }
        for picture in ([featured].compactMap { $0 } + pictures) {
            guard let url = try picture.largestRendition() else { continue }
            let caption = try picture.string("description_text", max: 1000)
                ?? picture.texts("descriptions", max: 1000).first(where: { !["alt", "alternative", "alttext"].contains($0.role ?? "") })?.value
                ?? picture.string("headline", max: 1000) ?? picture.texts("headlines", max: 1000).first?.value
            let alt = try picture.string("alt_text", max: 1000)
                ?? picture.texts("descriptions", max: 1000).first(where: { ["alt", "alternative", "alttext"].contains($0.role ?? "") })?.value
            let credit = try picture.string("by", max: 300) ?? picture.string("byline", max: 300) ?? picture.string("copyrightholder", max: 300)
            return NinjsItem.Photo(url: url, caption: caption, credit: credit, alt: alt)
        }
        return nil
    }

    /// The widest image rendition with an http(s) `href` (2.x: an array with names; 1.x: an
    /// object by name).
    func largestRendition() throws -> String? {
        guard let raw = object["renditions"], !(raw is NSNull) else { return nil }
        var renditions: [NinjsFields] = []
        if raw is [Any] {
            renditions = try objects("renditions")
        } else if let map = raw as? [String: Any] {
            for key in map.keys.sorted() {
                guard let entry = map[key] as? [String: Any] else { throw InputError(field: name("renditions") + "." + key, message: "must be an object") }
                renditions.append(NinjsFields(entry, path: name("renditions") + "." + key))
            }
        } else {
            throw InputError(field: name("renditions"), message: "must be an array (or an object of renditions by name)")
        }
        var best: (width: Double, href: String)?
        for rendition in renditions {
            guard let href = try rendition.string("href", max: 2048) else { continue }
            let type = try rendition.string("contenttype", max: 100) ?? rendition.string("mimetype", max: 100)
            if let type, !type.lowercased().hasPrefix("image/") { continue }
            let width = try rendition.number("width") ?? 0
            let lower = href.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { continue }
            guard Markdown.isSafeLink(href) else {
                throw InputError(field: rendition.name("href"), message: "is not a URL a page can show")
            }
            if best.map({ width > $0.width }) ?? true { best = (width, href) }
        }
        return best?.href
    }

    func number(_ key: String) throws -> Double? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        // JSON's true and false decode as NSNumbers too; theirs is the only "c" (char) type.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
            throw InputError(field: name(key), message: "must be a number")
        }
        return number.doubleValue
    }
}
