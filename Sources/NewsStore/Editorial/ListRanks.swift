import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// A list entry's place: lists are ordered by publication time, then article id.
struct ListKey: Comparable {
    let publishedAt: Int64
    let articleID: Int64

    static func < (a: ListKey, b: ListKey) -> Bool {
        (a.publishedAt, a.articleID) < (b.publishedAt, b.articleID)
    }
}

/// What an import has done to the lists it touched (a tag's, or a section's in an edition).
/// News arrives in order, so most entries land after the newest one and take the next rank at
/// once; an entry added before the end, or one removed, leaves the list to be renumbered from
/// there when the import ends.
struct ListChanges<List: Hashable> {
    enum State {
        /// Only appended to: the newest entry (nil for an empty list) and its rank, which is the count.
        case appended(newest: ListKey?, rank: Int64)
        /// Ranks from this entry on are renumbered at the end.
        case renumber(from: ListKey)
    }

    private(set) var states: [List: State] = [:]

    /// An entry is added at `key`: its rank when it is known now, nil when the list will be
    /// renumbered. `newest` reads the list's newest entry and rank from the database (first time only).
    mutating func added(to list: List, at key: ListKey, newest: () throws -> (ListKey, Int64)?) rethrows -> Int64? {
        let state = try states[list] ?? newest().map { .appended(newest: $0.0, rank: $0.1) } ?? .appended(newest: nil, rank: 0)
        switch state {
        case .appended(let newest, let rank):
            if newest.map({ $0 < key }) ?? true {
                states[list] = .appended(newest: key, rank: rank + 1)
                return rank + 1
            }
            states[list] = .renumber(from: key)
        case .renumber(let from):
            states[list] = .renumber(from: min(from, key))
        }
        return nil
    }

    /// The entry at `key` is removed.
    mutating func removed(from list: List, at key: ListKey) {
        if case .renumber(let from) = states[list] {
            states[list] = .renumber(from: min(from, key))
        } else {
            states[list] = .renumber(from: key)
        }
    }
}

extension ArticleWriter {
    /// Stores each changed list's count, which is its highest rank. A list only appended to
    /// already has its ranks; any other is renumbered from its oldest changed entry (entries before
    /// it keep their ranks, so the first of the renumbered follows the last of those). Index
    /// lookups only, plus the renumbered entries themselves.
    func recount() throws {
        let tagBase = try db.cachedStatement(sql: """
            SELECT rank FROM article_tags WHERE tag_id = ?1 AND published_at IS NOT NULL AND (published_at, article_id) < (?2, ?3)
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """)
        let tagRenumber = try db.cachedStatement(sql: """
            UPDATE article_tags SET rank = ?4 + r.n FROM (
              SELECT article_id, row_number() OVER (ORDER BY published_at, article_id) AS n FROM article_tags
              WHERE tag_id = ?1 AND published_at IS NOT NULL AND (published_at, article_id) >= (?2, ?3)) r
            WHERE article_tags.tag_id = ?1 AND article_tags.article_id = r.article_id AND article_tags.rank IS NOT ?4 + r.n
            """)
        let tagCount = try db.cachedStatement(sql: """
            UPDATE tags SET article_count = COALESCE((SELECT MAX(rank) FROM article_tags WHERE tag_id = ?1 AND rank IS NOT NULL), 0)
            WHERE id = ?1
            """)
        let tagKnownCount = try db.cachedStatement(sql: "UPDATE tags SET article_count = ?2 WHERE id = ?1")
        for (tag, state) in tagLists.states {
            switch state {
            case .appended(_, let count):
                try tagKnownCount.execute(arguments: [tag, count])
            case .renumber(let from):
                let base = try Int64.fetchOne(tagBase, arguments: [tag, from.publishedAt, from.articleID]) ?? 0
                try tagRenumber.execute(arguments: [tag, from.publishedAt, from.articleID, base])
                try tagCount.execute(arguments: [tag])
            }
        }
        let sectionBase = try db.cachedStatement(sql: """
            SELECT rank FROM article_sections WHERE section_id = ?1 AND edition_code = ?2 AND (published_at, article_id) < (?3, ?4)
            ORDER BY published_at DESC, article_id DESC LIMIT 1
            """)
        let sectionRenumber = try db.cachedStatement(sql: """
            UPDATE article_sections SET rank = ?5 + r.n FROM (
              SELECT article_id, row_number() OVER (ORDER BY published_at, article_id) AS n FROM article_sections
              WHERE section_id = ?1 AND edition_code = ?2 AND (published_at, article_id) >= (?3, ?4)) r
            WHERE article_sections.section_id = ?1 AND article_sections.article_id = r.article_id AND article_sections.rank IS NOT ?5 + r.n
            """)
        let sectionCount = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO section_counts (section_id, edition_code, article_count)
            VALUES (?1, ?2, COALESCE((SELECT MAX(rank) FROM article_sections WHERE section_id = ?1 AND edition_code = ?2), 0))
            """)
        let sectionKnownCount = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO section_counts (section_id, edition_code, article_count) VALUES (?1, ?2, ?3)
            """)
        for (list, state) in sectionLists.states {
            switch state {
            case .appended(_, let count):
                try sectionKnownCount.execute(arguments: [list.section, list.edition, count])
            case .renumber(let from):
                let base = try Int64.fetchOne(sectionBase, arguments: [list.section, list.edition, from.publishedAt, from.articleID]) ?? 0
                try sectionRenumber.execute(arguments: [list.section, list.edition, from.publishedAt, from.articleID, base])
                try sectionCount.execute(arguments: [list.section, list.edition])
            }
        }
    }
}
