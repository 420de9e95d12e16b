import Foundation
import HeraldSupport
import NewsCore

/// The site definition file (demo/site.json): editions, the section tree, cities, tags and settings.
public struct SiteSetup: Decodable, Sendable {
    /// First path segments a section may not have: the site's own pages live there.
    static let reservedSections: Set<String> = ["search", "tag"]

    /// One edition as the file describes it.
    public struct EditionEntry: Decodable, Sendable {
        public var code: String
        public var tag: String
        public var name: String
        public var label: String
        public var dir: String
        public var timeZone: String
        public var siteName: String
        public var `default`: Bool?
    }

    /// A section path with its names per edition.
    public struct NamedEntry: Decodable, Sendable {
        public var path: String?
        public var code: String?
        public var slug: String?
        public var names: [String: String]
        /// A city's position (both or neither), for the weather fetcher.
        public var latitude: Double?
        public var longitude: Double?
    }

    public var editions: [EditionEntry]?
    public var sections: [NamedEntry]?
    public var cities: [NamedEntry]?
    public var tags: [NamedEntry]?
    public var settings: [String: String]?

    /// Reads and checks a setup file; errors name the entry at fault.
    public static func load(path: String) throws -> SiteSetup {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.invalidSetup, "setup: unable to read \(path)")
        }
        let setup: SiteSetup
        do {
            setup = try JSONDecoder().decode(SiteSetup.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw StoreError(.invalidSetup, "setup: \(path): \(context.codingPath.map(\.stringValue).joined(separator: ".")): field \"\(key.stringValue)\" is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw StoreError(.invalidSetup, "setup: \(path): \(context.codingPath.map(\.stringValue).joined(separator: ".")): wrong type")
        } catch {
            throw StoreError(.invalidSetup, "setup: \(path) is not valid JSON")
        }
        try setup.validate()
        return setup
    }

    /// Checks codes, directions, time zones and section paths.
    public func validate() throws {
        for (index, edition) in (editions ?? []).enumerated() {
            let at = "setup: editions[\(index)]"
            guard (2...8).contains(edition.code.count), edition.code.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                throw StoreError(.invalidSetup, "\(at): code \"\(edition.code)\" must be 2–8 lower-case letters")
            }
            guard TextDirection(rawValue: edition.dir) != nil else {
                throw StoreError(.invalidSetup, "\(at): dir must be \"ltr\" or \"rtl\"")
            }
            guard TimeZone(identifier: edition.timeZone) != nil else {
                throw StoreError(.invalidSetup, "\(at): unknown time zone \"\(edition.timeZone)\"")
            }
        }
        if (editions ?? []).filter({ $0.default == true }).count > 1 {
            throw StoreError(.invalidSetup, "setup: more than one edition is marked default")
        }
        for (index, section) in (sections ?? []).enumerated() {
            guard let path = section.path, Slug.isValidPath(path) else {
                throw StoreError(.invalidSetup, "setup: sections[\(index)]: path must be slugs joined by \"/\"")
            }
            // /{edition}/search, /{edition}/tag/… are the site's own pages.
            if let top = path.split(separator: "/").first, Self.reservedSections.contains(String(top)) {
                throw StoreError(.invalidSetup, "setup: sections[\(index)]: \"\(top)\" is reserved for the site's own pages (\(Self.reservedSections.sorted().joined(separator: ", ")))")
            }
        }
        for (index, entry) in (cities ?? []).enumerated() where !(entry.code.map { Slug.isValid($0) } ?? false) {
            throw StoreError(.invalidSetup, "setup: cities[\(index)]: code must be a slug")
        }
        for (index, entry) in (cities ?? []).enumerated() {
            switch (entry.latitude, entry.longitude) {
            case (nil, nil): continue
            case (let latitude?, let longitude?) where (-90...90).contains(latitude) && (-180...180).contains(longitude): continue
            default:
                throw StoreError(.invalidSetup, "setup: cities[\(index)]: latitude (-90…90) and longitude (-180…180) go together")
            }
        }
        for (index, entry) in (tags ?? []).enumerated() where !(entry.slug.map { Slug.isValid($0) } ?? false) {
            throw StoreError(.invalidSetup, "setup: tags[\(index)]: slug must be a slug")
        }
    }
}
