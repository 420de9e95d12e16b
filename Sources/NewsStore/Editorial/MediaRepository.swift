import Foundation
import GRDB
import NewsCore

/// A photo in the media library.
public struct MediaItem: Sendable, Equatable {
    public var id: Int64
    public var reference: MediaReference
    public var format: String
    public var bytes: Int
    /// The uploader's description and caption, prefilled into articles that use it.
    public var alt: String
    public var caption: String
    public var credit: String
    public var uploadedBy: String
    public var uploadedAt: Int64
    /// Articles whose newest revision or live version shows it.
    public var usedBy: Int
}

/// The media table: what was uploaded, by whom, and which articles use it.
public struct MediaRepository: Sendable {
    let database: HeraldDatabase
    let now: @Sendable () -> Int64

    public init(_ database: HeraldDatabase, now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        self.database = database
        self.now = now
    }

    /// Records an upload (the same bytes again return the item stored before, unchanged).
    @discardableResult
    public func add(_ reference: MediaReference, format: String, bytes: Int, alt: String, caption: String, credit: String,
                    by actor: Actor) throws -> MediaItem {
        let time = now()
        try database.write { db in
            let inserted = try RawStatement(db, """
                INSERT INTO media (hash, format, width, height, bytes, alt, caption, credit, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING id
                """).int64([.text(reference.hash), .text(format), .integer(Int64(reference.width)), .integer(Int64(reference.height)),
                            .integer(Int64(bytes)), .text(alt), .text(caption), .text(credit), .text(actor.name), .integer(time)])
            if let inserted {
                try AuditLog.record(actor, "media.upload", "media", String(inserted), detail: reference.path, at: time, db)
            }
        }
        return try item(hash: reference.hash)!
    }

    /// One item by its hash.
    public func item(hash: String) throws -> MediaItem? {
        try database.pool.read { db in try Row.fetchOne(db, sql: Self.select + " WHERE m.hash = ?", arguments: [hash]).map(Self.item) }
    }

    /// The library, newest first (one more than `limit` when more follow).
    public func all(limit: Int = 60, offset: Int = 0) throws -> [MediaItem] {
        try database.pool.read { db in
            try Row.fetchAll(db, sql: Self.select + " ORDER BY m.id DESC LIMIT ? OFFSET ?", arguments: [limit + 1, offset]).map(Self.item)
        }
    }

    /// Every library photo articles use (live rows and revisions): its reference and the articles.
    public func references() throws -> [String: (path: String, articles: [Int64])] {
        try database.pool.read { db in
            var result: [String: (path: String, articles: Set<Int64>)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT photo, id FROM articles WHERE photo LIKE '/media/%'
                UNION SELECT photo, article_id FROM article_revisions WHERE photo LIKE '/media/%'
                """) {
                guard let reference = MediaReference(row[0]) else { continue }
                result[reference.hash, default: (reference.path, [])].articles.insert(row[1])
            }
            return result.mapValues { ($0.path, $0.articles.sorted()) }
        }
    }

    static let select = """
        SELECT m.id, m.hash, m.width, m.height, m.format, m.bytes, m.alt, m.caption, m.credit, m.uploaded_by, m.uploaded_at,
          (SELECT COUNT(*) FROM articles a WHERE a.photo LIKE '/media/%' AND a.photo = '/media/' || m.hash || '/' || m.width || 'x' || m.height)
        FROM media m
        """

    static func item(_ row: Row) -> MediaItem {
        MediaItem(id: row[0], reference: MediaReference(hash: row[1], width: row[2], height: row[3]), format: row[4], bytes: row[5],
                  alt: row[6], caption: row[7], credit: row[8], uploadedBy: row[9], uploadedAt: row[10], usedBy: row[11])
    }
}
