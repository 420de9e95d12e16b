import Foundation
import GRDB
import HeraldCrypto
import HeraldSupport
import Integrations
import Logging
import Media
import NewsCore
import NewsStore

/// What one ingested item did.
public struct IngestOutcome: Sendable, Equatable {
    public enum Result: String, Sendable {
        /// A new article.
        case created
        /// A newer version applied to its article.
        case updated
        /// The same or an older version than the one applied: nothing changed.
        case unchanged
        /// Withheld or canceled before Herald had it: there is nothing to take down.
        case ignored
    }

    public var result: Result
    public var articleID: Int64?
    public var revisionID: Int64?
    public var state: ArticleState?
    public var edition: String?
    /// The version now applied (the stored one when unchanged).
    public var version: Int64
    /// The item's picture, when it had one and this delivery applied it.
    public var photo: IngestedPhoto? = nil
}

/// Why an item was refused; nothing was written.
public enum IngestError: Error, Equatable, Sendable {
    /// Fields are wrong, each named by its ninjs path.
    case invalid(InputErrors)
    /// The token may not write in the edition the item's language picks.
    case editionNotAllowed(edition: String)
    /// The named write refused (e.g. the article was changed in a way that forbids it).
    case refused(EditorialError)
}

/// Turns ninjs items into articles through the named editorial writes (so revisions, the audit
/// log, cache retirement and edge purges all apply), one item at a time.
public struct IngestService: Sendable {
    let database: HeraldDatabase
    let editorial: EditorialRepository
    let now: @Sendable () -> Int64
    let photos: PhotoImport
    /// One item at a time: two deliveries of one new item must not make two articles.
    let gate = NSLock()

    /// `library` is where fetched pictures go (nil: none, they are linked); `privateHosts`
    /// allows fetching them from loopback and private addresses.
    public init(database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system, library: MediaLibrary?,
                photos policy: IngestPhotoPolicy, privateHosts: Bool, logger: Logger) {
        self.database = database
        editorial = EditorialRepository(database, now: now)
        self.now = now
        photos = PhotoImport(library: library, media: MediaRepository(database, now: now),
                             client: SourceClient(timeout: 15, attempts: 2, backoff: 1, maxBytes: MediaLibrary.maxBytes,
                                                  userAgent: "Herald news portal (ingest)"),
                             policy: policy, privateHosts: privateHosts, logger: logger)
    }

    /// Creates or updates the article `item` describes as `token`, from `address`.
    public func ingest(_ item: NinjsItem, token: APIToken, address: String) throws -> IngestOutcome {
        let actor = token.actor(address: address)
        let edition = try self.edition(for: item.language, token: token)
        // The picture is fetched before taking the gate (a slow agency server must not hold up
        // other items); the library is content-addressed, so a picture fetched twice is stored once.
        var item = item
        var photo: IngestedPhoto?
        if let picture = item.photo {
            let seen = try database.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT version, photo_source, photo_path FROM ingest_items WHERE uri = ?", arguments: [item.uri])
            }
            if let seen, (seen["version"] as Int64) >= item.version {
                photo = nil                         // Unchanged: nothing will be applied.
            } else if let seen, seen["photo_source"] as String? == picture.url, let path = seen["photo_path"] as String? {
                photo = IngestedPhoto(source: picture.url, url: path, stored: true, problem: nil)
            } else {
                photo = photos.bring(picture, by: actor)
            }
            if let photo { item.photo?.url = photo.url }
        }
        gate.lock()
        defer { gate.unlock() }
        let known = try database.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT i.article_id, i.version, a.edition_code FROM ingest_items i JOIN articles a ON a.id = i.article_id WHERE i.uri = ?
                """, arguments: [item.uri]).map { (id: $0[0] as Int64, version: $0[1] as Int64, edition: $0[2] as String) }
        }
        if let known {
            guard known.edition == edition else {
                throw IngestError.invalid(InputErrors([InputError(field: "language", message:
                    "this item is article \(known.id) in edition \(known.edition): a translation is an item of its own")]))
            }
            guard item.version > known.version else {
                let article = try editorial.article(id: known.id)
                return IngestOutcome(result: .unchanged, articleID: known.id, revisionID: article?.revisionID, state: article?.state,
                                     edition: edition, version: known.version)
            }
        }
        guard known != nil || item.pubstatus == .usable else {
            return IngestOutcome(result: .ignored, articleID: nil, revisionID: nil, state: nil, edition: edition, version: item.version)
        }
        let current = try known.flatMap { try editorial.article(id: $0.id) }
        var saved = try save(item, edition: edition, token: token, current: current, by: actor)
        saved = try applyStatus(item, saved, by: actor)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO ingest_items (uri, article_id, version, pubstatus, token_id, received_at, photo_source, photo_path)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uri) DO UPDATE SET article_id = excluded.article_id, version = excluded.version,
                  pubstatus = excluded.pubstatus, token_id = excluded.token_id, received_at = excluded.received_at,
                  photo_source = excluded.photo_source, photo_path = excluded.photo_path
                """, arguments: [item.uri, saved.articleID, item.version, item.pubstatus.rawValue, token.id, now(),
                                 photo?.source, photo?.stored == true ? photo?.url : nil])
        }
        return IngestOutcome(result: current == nil ? .created : .updated, articleID: saved.articleID, revisionID: saved.revisionID,
                             state: saved.state, edition: edition, version: item.version, photo: photo)
    }

    /// The item's fields as a new revision: a new article filed in the token's section, or the
    /// article's newest revision with the agency's text, tags, authors and photo (its slug,
    /// section and story stay as the newsroom has them).
    func save(_ item: NinjsItem, edition: String, token: APIToken, current: EditorialArticle?, by actor: Actor) throws -> EditorialResult {
        var attempt = 0
        while true {
            attempt += 1
            let latest = attempt == 1 ? current : try current.flatMap { try editorial.article(id: $0.id) }
            let fields = try input(item, edition: edition, token: token, current: latest)
            do {
                return try editorial.saveDraft(fields, articleID: latest?.id, basedOn: latest.map { $0.revisionID ?? 0 }, by: actor, source: .import)
            } catch EditorialError.staleRevision where attempt < 3 {
                continue       // Someone saved between reading and writing: read again, save on top.
            } catch EditorialError.invalid(let errors) where attempt < 3 && latest == nil && errors.message(for: "slug") != nil {
                continue       // The slug was taken meanwhile: the next free one.
            } catch let error as EditorialError {
                if case .invalid(let errors) = error { throw IngestError.invalid(Self.ninjsNames(errors)) }
                throw IngestError.refused(error)
            }
        }
    }

    /// usable: published (at once, or scheduled while an embargo lasts); withheld or canceled:
    /// off the site.
    func applyStatus(_ item: NinjsItem, _ saved: EditorialResult, by actor: Actor) throws -> EditorialResult {
        let id = saved.articleID
        do {
            switch (item.pubstatus, saved.state) {
            case (.usable, .published):
                return try editorial.publish(articleID: id, by: actor)
            case (.usable, let state):
                if let embargo = item.embargoed, embargo > now() { return try editorial.schedule(articleID: id, at: embargo, by: actor) }
                if state == .scheduled { _ = try editorial.unschedule(articleID: id, by: actor) }
                return try editorial.publish(articleID: id, by: actor)
            case (.withheld, .published), (.canceled, .published):
                return try editorial.unpublish(articleID: id, by: actor)
            case (.withheld, .scheduled), (.canceled, .scheduled):
                return try editorial.unschedule(articleID: id, by: actor)
            default:
                return saved
            }
        } catch let error as EditorialError {
            if case .invalid(let errors) = error { throw IngestError.invalid(Self.ninjsNames(errors)) }
            throw IngestError.refused(error)
        }
    }

    /// The article fields, checked by the same rules as every other write path.
    func input(_ item: NinjsItem, edition: String, token: APIToken, current: EditorialArticle?) throws -> ArticleInput {
        var fields: [String: Any] = [
            "edition": edition, "title": item.headline, "body": item.body ?? "", "status": "draft",
            "published": LocalDateTime(unix: now(), offsetSeconds: 0).isoUTC,
            "tags": item.tags.map { tag -> Any in tag.name.map { ["slug": tag.slug, "name": $0] } ?? tag.slug },
            "bylines": item.bylines,
        ]
        if let lead = item.lead { fields["lead"] = lead }
        if let dateline = item.dateline { fields["dateline"] = dateline }
        if let photo = item.photo {
            fields["photo"] = photo.url
            if let caption = photo.caption { fields["caption"] = caption }
            if let credit = photo.credit { fields["credit"] = credit }
            if let alt = photo.alt { fields["alt"] = alt }
        }
        if let current {
            fields["story"] = current.fields.story
            fields["section"] = current.fields.section
            fields["slug"] = current.fields.slug
        } else {
            // One story across editions when the agency names it (altids, role "story"), else the item's own.
            let key = item.story ?? item.uri
            fields["story"] = key.count <= 190 ? "ingest:" + key : "ingest:" + Self.digest(key)
            fields["section"] = try sectionPath(token)
            fields["slug"] = try freeSlug(item, edition: edition)
        }
        if item.body == nil && item.pubstatus == .usable {
            throw IngestError.invalid(InputErrors([InputError(field: "bodies", message: "is missing or has no text: an article needs a body")]))
        }
        switch ArticleInput.validate(fields) {
        case .success(let input): return input
        case .failure(let errors): throw IngestError.invalid(Self.ninjsNames(errors))
        }
    }

    /// The token's section, else the site's first top-level one (it may have been removed since).
    func sectionPath(_ token: APIToken) throws -> String {
        try database.pool.read { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM sections WHERE path = ?", arguments: [token.sectionPath]) != nil { return token.sectionPath }
            return try String.fetchOne(db, sql: "SELECT path FROM sections WHERE parent_id IS NULL ORDER BY position, path LIMIT 1") ?? token.sectionPath
        }
    }

    /// The slugline's (else the headline's) slug, made free in the edition with "-2", "-3" …;
    /// a headline with no Latin form (Chinese) gets "item-" and a digest of the uri.
    func freeSlug(_ item: NinjsItem, edition: String) throws -> String {
        let words = [item.slugline, item.headline].compactMap { $0 }.map(Slug.suggest(from:)).first { Slug.isValid($0) }
        let base = String((words ?? "item-" + Self.digest(item.uri).prefix(12)).prefix(100))
        return try database.pool.read { db in
            for n in 1...1000 {
                let slug = n == 1 ? base : "\(base)-\(n)"
                if try Int.fetchOne(db, sql: "SELECT 1 FROM articles WHERE edition_code = ? AND slug = ?", arguments: [edition, slug]) == nil {
                    return slug
                }
            }
            return base + "-" + Self.digest(item.uri).prefix(12)
        }
    }

    /// The edition for a BCP 47 tag among the token's: the tag itself ("kk-Latn"), then shorter
    /// forms of it ("en-GB" → "en"), then the only edition of its language the token writes in.
    func edition(for language: String, token: APIToken) throws -> String {
        let editions = try database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT code, tag FROM editions ORDER BY position, code").map { ($0[0] as String, ($0[1] as String).lowercased()) }
        }
        var tag = language.lowercased().replacingOccurrences(of: "_", with: "-")
        var found: [String] = []
        while found.isEmpty && !tag.isEmpty {
            found = editions.filter { $0.1 == tag }.map(\.0)
            guard found.isEmpty, let dash = tag.lastIndex(of: "-") else { break }
            tag = String(tag[..<dash])
        }
        if found.isEmpty {
            let primary = String(language.lowercased().prefix { $0 != "-" && $0 != "_" })
            found = editions.filter { $0.1.split(separator: "-").first.map(String.init) == primary }.map(\.0)
            let mine = found.filter { token.editions.contains($0) }
            if mine.count > 1 {
                throw IngestError.invalid(InputErrors([InputError(field: "language", message:
                    "\"\(language)\" fits editions \(mine.joined(separator: ", ")): give the script, e.g. \(editions.first { $0.0 == mine[0] }!.1)")]))
            }
            if mine.count == 1 { found = mine }
        }
        guard let edition = found.first else {
            throw IngestError.invalid(InputErrors([InputError(field: "language", message:
                "\"\(language.prefix(35))\" is the language of no edition (editions: \(editions.map { "\($0.0) \($0.1)" }.joined(separator: ", ")))")]))
        }
        guard token.editions.contains(edition) else { throw IngestError.editionNotAllowed(edition: edition) }
        return edition
    }

    /// Article field names as the ninjs properties they came from.
    static func ninjsNames(_ errors: InputErrors) -> InputErrors {
        let names = ["title": "headlines", "body": "bodies", "lead": "descriptions", "dateline": "located", "tags": "subjects",
                     "photo": "associations", "caption": "associations", "credit": "associations", "alt": "associations",
                     "bylines": "by", "slug": "slugline", "story": "altids", "edition": "language", "section": "section"]
        return InputErrors(errors.all.map { InputError(field: names[$0.field] ?? $0.field, message: $0.message) })
    }

    static func digest(_ text: String) -> String {
        Tokens.sha256(text).prefix(16).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
