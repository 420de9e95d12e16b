import GRDB

/// Every SQL statement a reader page runs, named, so a test can EXPLAIN each one and fail on a
/// full scan of articles.
public enum ReaderQueries {
    static let summaryColumns = "a.id, a.edition_code, a.section_id, a.slug, a.title, a.lead, a.photo, a.published_at"

    static let article = """
        SELECT id, edition_code, story_id, section_id, slug, title, dateline, lead, body_html, photo,
          photo_caption, photo_credit, published_at, updated_at, bylines, photo_alt
        FROM articles WHERE id = ? AND status = 'published'
        """
    /// The notes published with corrections, oldest first.
    static let corrections = "SELECT created_at, note FROM article_corrections WHERE article_id = ? ORDER BY created_at, id"
    /// In no order: the few rows are sorted by `position` in Swift (an ORDER BY here opened a temp
    /// B-tree sorter on every article page).
    static let articleTags = """
        SELECT t.id, t.edition_code, t.slug, t.name, l.position FROM article_tags l JOIN tags t ON t.id = l.tag_id
        WHERE l.article_id = ?
        """
    /// Only what a link needs: the switcher and hreflang never show a translation's title.
    static let translations = """
        SELECT a.id, a.edition_code, a.section_id, a.slug FROM articles a
        WHERE a.story_id = ? AND a.status = 'published' AND a.id <> ?
        """
    /// Related news in one statement: among the newest `window` articles of each of the article's
    /// tags (the listing index's range above each tag's window threshold), the five sharing the
    /// most tags (newer first on ties), returned newest first.
    static let related = """
        SELECT \(summaryColumns) FROM (
          SELECT x.article_id AS id, COUNT(*) AS shared, MAX(x.published_at) AS newest
          FROM article_tags me JOIN article_tags x ON x.tag_id = me.tag_id
          WHERE me.article_id = ?1 AND x.article_id <> ?1 AND x.published_at IS NOT NULL
            AND x.published_at >= COALESCE((
              SELECT y.published_at FROM article_tags y WHERE y.tag_id = me.tag_id AND y.published_at IS NOT NULL
              ORDER BY y.published_at DESC, y.article_id DESC LIMIT 1 OFFSET ?2 - 1), 0)
          GROUP BY x.article_id ORDER BY shared DESC, newest DESC, x.article_id DESC LIMIT 5
        ) r JOIN articles a ON a.id = r.id
        ORDER BY a.published_at DESC, a.id DESC
        """
    static let summaryByID = "SELECT \(summaryColumns) FROM articles a WHERE a.id = ? AND a.status = 'published'"
    /// The tag and its published-article count (the tag page's total) in one lookup.
    static let tagBySlug = "SELECT id, edition_code, slug, name, article_count FROM tags WHERE edition_code = ? AND slug = ?"
    /// A page of an edition's tags with live articles, by slug after a slug: a range of the
    /// (edition, slug) key.
    static let tagsAfter = """
        SELECT id, edition_code, slug, name, article_count FROM tags WHERE edition_code = ? AND slug > ? AND article_count > 0
        ORDER BY slug LIMIT ?
        """
    /// Each edition with its tag of a slug's article count (none: no such tag there), by
    /// edition: one lookup per edition on the (edition, slug) key.
    static let tagSiblings = """
        SELECT e.code, t.article_count FROM editions e LEFT JOIN tags t ON t.edition_code = e.code AND t.slug = ?
        ORDER BY e.position, e.code
        """
    /// A page of a tag by rank range (ranks lowest..highest, newest first): an index range
    /// lookup whatever the page number.
    static let tagPage = """
        SELECT \(summaryColumns) FROM article_tags l JOIN articles a ON a.id = l.article_id
        WHERE l.tag_id = ? AND l.rank BETWEEN ? AND ? ORDER BY l.rank DESC
        """
    static let sectionPage = """
        SELECT \(summaryColumns) FROM article_sections l JOIN articles a ON a.id = l.article_id
        WHERE l.section_id = ? AND l.edition_code = ? AND l.rank BETWEEN ? AND ? ORDER BY l.rank DESC
        """
    static let sectionCount = "SELECT article_count FROM section_counts WHERE section_id = ? AND edition_code = ?"
    static let latest = """
        SELECT \(summaryColumns) FROM articles a WHERE a.edition_code = ? AND a.status = 'published'
        ORDER BY a.published_at DESC, a.id DESC LIMIT ?
        """
    /// The content API's pages of an edition: keyset pagination on the latest-articles index,
    /// after the (published_at, id) the previous page ended with.
    static let latestBefore = """
        SELECT \(summaryColumns) FROM articles a WHERE a.edition_code = ? AND a.status = 'published'
          AND (a.published_at < ? OR (a.published_at = ? AND a.id < ?))
        ORDER BY a.published_at DESC, a.id DESC LIMIT ?
        """
    /// A tag's and a section's pages for the content API, keyset on their listing indexes.
    static let tagBefore = """
        SELECT \(summaryColumns) FROM article_tags l JOIN articles a ON a.id = l.article_id
        WHERE l.tag_id = ? AND l.published_at IS NOT NULL
          AND (l.published_at < ? OR (l.published_at = ? AND l.article_id < ?))
        ORDER BY l.published_at DESC, l.article_id DESC LIMIT ?
        """
    static let sectionBefore = """
        SELECT \(summaryColumns) FROM article_sections l JOIN articles a ON a.id = l.article_id
        WHERE l.section_id = ? AND l.edition_code = ?
          AND (l.published_at < ? OR (l.published_at = ? AND l.article_id < ?))
        ORDER BY l.published_at DESC, l.article_id DESC LIMIT ?
        """
    static let sectionLatest = """
        SELECT \(summaryColumns) FROM article_sections l JOIN articles a ON a.id = l.article_id
        WHERE l.section_id = ? AND l.edition_code = ? ORDER BY l.published_at DESC, l.article_id DESC LIMIT ?
        """
    /// Popular's candidates: the most read articles of each edition since a day (`?1`), the top
    /// `?2` of each, ranked from article_views alone (it carries the edition), in rank order.
    static let popularRanking = """
        SELECT edition_code, article_id, total FROM (
          SELECT article_id, edition_code, total, row_number() OVER (PARTITION BY edition_code ORDER BY total DESC, article_id DESC) AS n
          FROM (SELECT article_id, edition_code, SUM(views) AS total FROM article_views WHERE day >= ?1 GROUP BY article_id)
          WHERE edition_code IS NOT NULL
        ) WHERE n <= ?2 ORDER BY edition_code, n
        """
    /// The stored ranking's candidates that are still published, joined to their current rows
    /// (CROSS JOIN keeps the few ranked rows outside: articles is looked up by id, never scanned).
    static let popular = """
        SELECT \(summaryColumns), p.total FROM popular_ranking p CROSS JOIN articles a ON a.id = p.article_id
        WHERE a.status = 'published'
        ORDER BY p.total DESC, a.published_at DESC
        """
    static let storedRanking = "SELECT edition_code, article_id, total FROM popular_ranking ORDER BY edition_code, position"

    /// Each statement with sample arguments, for plan checks.
    public static let all: [(name: String, sql: String, arguments: StatementArguments)] = [
        ("article", article, [1]), ("corrections", corrections, [1]), ("articleTags", articleTags, [1]), ("translations", translations, [1, 1]),
        ("related", related, [1, 12]), ("summaryByID", summaryByID, [1]),
        ("tagBySlug", tagBySlug, ["en", "x"]), ("tagsAfter", tagsAfter, ["en", "", 21]), ("tagSiblings", tagSiblings, ["x"]), ("tagPage", tagPage, [1, 981, 1000]),
        ("sectionPage", sectionPage, [1, "en", 981, 1000]), ("sectionCount", sectionCount, [1, "en"]),
        ("latest", latest, ["en", 13]), ("sectionLatest", sectionLatest, [1, "en", 4]),
        ("popularRanking", popularRanking, ["2026-11-23", 30]), ("popular", popular, []),
    ]
}
