import Foundation
import GRDB
import HeraldSupport
import NewsCore

/// The site's structure edited in the newsroom: settings, editions' names, sections and tags.
/// Each write is one transaction with its audit entry and its change's keys (`ChangeLog`);
/// refusals are `EditorialError.invalid` with the field at fault, and nothing is written.
extension SiteRepository {
    /// The header's settings: phone, the main site's address, the capital (a city code) and the
    /// currencies the header shows. Every page shows them.
    @discardableResult
    public func updateSettings(phone: String, mainSiteURL: String, capitalCity: String, currencies: String,
                               by actor: Actor) throws -> ChangeSet {
        var errors: [InputError] = []
        let phone = phone.trimmedWhitespace(), url = mainSiteURL.trimmedWhitespace(), capital = capitalCity.trimmedWhitespace()
        if phone.count > 40 || !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) {
            errors.append(InputError(field: "phone", message: "must be digits, spaces and + - ( ), at most 40"))
        }
        if !url.isEmpty, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count > 300 || url.contains(where: \.isWhitespace) {
            errors.append(InputError(field: "main_site_url", message: "must be an http(s) address"))
        }
        let codes = currencies.split(separator: ",").map { String($0).trimmedWhitespace().uppercased() }.filter { !$0.isEmpty }
        if codes.isEmpty || codes.count > 8 || codes.contains(where: { $0.count != 3 || !$0.allSatisfy { $0.isASCII && $0.isLetter } })
            || Set(codes).count != codes.count {
            errors.append(InputError(field: "currencies", message: "must be 1–8 different three-letter codes separated by commas, e.g. USD, EUR"))
        }
        return try database.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM cities WHERE code = ?", arguments: [capital]) == nil {
                errors.append(InputError(field: "capital_city", message: "is not a city of this site"))
            }
            guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
            for (key, value) in [("phone", phone), ("mainSiteURL", url), ("capitalCity", capital), ("currencies", codes.joined(separator: ","))] {
                try db.execute(sql: "INSERT OR REPLACE INTO site_settings (key, value) VALUES (?, ?)", arguments: [key, value])
            }
            return try record(ChangeSet([.header]), actor, "site.settings", "site", "settings", detail: "", db)
        }
    }

    /// An edition's names: the switcher's name, its short label and the site name in its pages.
    @discardableResult
    public func updateEdition(_ code: String, name: String, label: String, siteName: String, by actor: Actor) throws -> ChangeSet {
        let values = [("name", name.trimmedWhitespace()), ("label", label.trimmedWhitespace()), ("site_name", siteName.trimmedWhitespace())]
        let errors = values.compactMap { field, value in
            (1...100).contains(value.count) ? nil : InputError(field: field, message: "must be 1–100 characters")
        }
        guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
        return try database.write { db in
            try db.execute(sql: "UPDATE editions SET name = ?, label = ?, site_name = ? WHERE code = ?",
                           arguments: [values[0].1, values[1].1, values[2].1, code])
            guard db.changesCount == 1 else { throw EditorialError.invalid(InputErrors([InputError(field: "edition", message: "is not an edition")])) }
            return try record(ChangeSet([.header]), actor, "site.edition", "edition", code, detail: values[0].1, db)
        }
    }

    /// A new section at `path` ("news/culture": its parent must exist), last among its siblings,
    /// named in the editions given (at least one).
    @discardableResult
    public func addSection(path: String, names: [String: String], by actor: Actor) throws -> ChangeSet {
        let path = path.trimmedWhitespace().lowercased()
        var errors: [InputError] = []
        if !Slug.isValidPath(path) {
            errors.append(InputError(field: "path", message: "must be slugs joined by \"/\", e.g. news/culture"))
        } else if let top = path.split(separator: "/").first, SiteSetup.reservedSections.contains(String(top)) {
            errors.append(InputError(field: "path", message: "\"\(top)\" is reserved for the site's own pages"))
        }
        let names = names.mapValues { $0.trimmedWhitespace() }.filter { !$0.value.isEmpty }
        if names.isEmpty { errors.append(InputError(field: "names", message: "give the section's name in at least one edition")) }
        if names.values.contains(where: { $0.count > 100 }) { errors.append(InputError(field: "names", message: "a name is longer than 100 characters")) }
        guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
        return try database.write { db in
            let parts = path.split(separator: "/")
            let parentPath = parts.dropLast().joined(separator: "/")
            let parentID: Int64? = parts.count > 1 ? try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [parentPath]) : nil
            if parts.count > 1 && parentID == nil { errors.append(InputError(field: "path", message: "has no parent section \(parentPath)")) }
            if try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [path]) != nil {
                errors.append(InputError(field: "path", message: "is a section already"))
            }
            try checkEditions(names.keys, &errors, db)
            guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
            let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) + 1 FROM sections WHERE parent_id IS ?", arguments: [parentID]) ?? 0
            try db.execute(sql: "INSERT INTO sections (parent_id, slug, path, position) VALUES (?, ?, ?, ?)",
                           arguments: [parentID, String(parts.last!), path, position])
            let id = db.lastInsertedRowID
            for (edition, name) in names {
                try db.execute(sql: "INSERT INTO section_names (section_id, edition_code, name) VALUES (?, ?, ?)", arguments: [id, edition, name])
            }
            return try record(ChangeSet([.header]), actor, "site.section.add", "section", path, detail: "", db)
        }
    }

    /// A section's names per edition (an empty one is removed: the edition then shows its slug).
    @discardableResult
    public func renameSection(path: String, names: [String: String], by actor: Actor) throws -> ChangeSet {
        let names = names.mapValues { $0.trimmedWhitespace() }
        if names.values.contains(where: { $0.count > 100 }) {
            throw EditorialError.invalid(InputErrors([InputError(field: "names", message: "a name is longer than 100 characters")]))
        }
        return try database.write { db in
            let id = try sectionID(path, db)
            var errors: [InputError] = []
            try checkEditions(names.keys, &errors, db)
            if names.values.allSatisfy(\.isEmpty) { errors.append(InputError(field: "names", message: "give the section's name in at least one edition")) }
            guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
            for (edition, name) in names {
                if name.isEmpty {
                    try db.execute(sql: "DELETE FROM section_names WHERE section_id = ? AND edition_code = ?", arguments: [id, edition])
                } else {
                    try db.execute(sql: "INSERT OR REPLACE INTO section_names (section_id, edition_code, name) VALUES (?, ?, ?)",
                                   arguments: [id, edition, name])
                }
            }
            var changes = ChangeSet([.header])
            for edition in names.keys { changes.insert(.section(edition, path)) }
            return try record(changes, actor, "site.section.rename", "section", path, detail: "", db)
        }
    }

    /// Moves a section one place up (-1) or down (+1) among its siblings: the order of the
    /// section bar and the section lists.
    @discardableResult
    public func reorderSection(path: String, by offset: Int, actor: Actor) throws -> ChangeSet {
        try database.write { db in
            let id = try sectionID(path, db)
            let parent = try Int64?.fetchOne(db, sql: "SELECT parent_id FROM sections WHERE id = ?", arguments: [id]) ?? nil
            var siblings = try Int64.fetchAll(db, sql: "SELECT id FROM sections WHERE parent_id IS ? ORDER BY position, id", arguments: [parent])
            guard let index = siblings.firstIndex(of: id) else { return ChangeSet() }
            let target = min(max(0, index + offset), siblings.count - 1)
            siblings.swapAt(index, target)
            for (position, sibling) in siblings.enumerated() {
                try db.execute(sql: "UPDATE sections SET position = ? WHERE id = ?", arguments: [position, sibling])
            }
            return try record(ChangeSet([.header]), actor, "site.section.reorder", "section", path, detail: offset < 0 ? "up" : "down", db)
        }
    }

    /// Moves a section (and the sections under it) under another parent ("" for the top level):
    /// their paths change, so do their articles' addresses (the old ones redirect to the new), and
    /// the revisions follow so a restore keeps the section. Every page may show it: all retire.
    @discardableResult
    public func moveSection(path: String, toParent parentPath: String, by actor: Actor) throws -> ChangeSet {
        try database.write { db in
            let id = try sectionID(path, db)
            let slug = String(path.split(separator: "/").last!)
            let parentPath = parentPath.trimmedWhitespace()
            let parentID: Int64? = parentPath.isEmpty ? nil : try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [parentPath])
            let newPath = parentPath.isEmpty ? slug : parentPath + "/" + slug
            var errors: [InputError] = []
            if !parentPath.isEmpty && parentID == nil { errors.append(InputError(field: "parent", message: "is not a section")) }
            if parentPath == path || parentPath.hasPrefix(path + "/") { errors.append(InputError(field: "parent", message: "is the section itself or under it")) }
            if newPath != path, try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [newPath]) != nil {
                errors.append(InputError(field: "parent", message: "already has a section \(slug)"))
            }
            if !Slug.isValidPath(newPath) { errors.append(InputError(field: "parent", message: "would make the path too deep")) }
            if let top = newPath.split(separator: "/").first, SiteSetup.reservedSections.contains(String(top)) {
                errors.append(InputError(field: "parent", message: "\"\(top)\" is reserved for the site's own pages"))
            }
            guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
            guard newPath != path else { return ChangeSet() }
            let position = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(position), -1) + 1 FROM sections WHERE parent_id IS ?", arguments: [parentID]) ?? 0
            try db.execute(sql: "UPDATE sections SET parent_id = ?, position = ? WHERE id = ?", arguments: [parentID, position, id])
            let rewrite = "?2 || substr(%@, length(?1) + 1)"
            try db.execute(sql: "UPDATE sections SET path = \(String(format: rewrite, "path")) WHERE path = ?1 OR path LIKE ?1 || '/%'",
                           arguments: [path, newPath])
            try db.execute(sql: """
                UPDATE article_revisions SET section_path = \(String(format: rewrite, "section_path"))
                WHERE section_path = ?1 OR section_path LIKE ?1 || '/%'
                """, arguments: [path, newPath])
            return try record(ChangeSet([.everything]), actor, "site.section.move", "section", path, detail: newPath, db)
        }
    }

    /// A new tag in an edition.
    @discardableResult
    public func addTag(edition: String, slug: String, name: String, by actor: Actor) throws -> ChangeSet {
        let slug = slug.trimmedWhitespace().lowercased(), name = name.trimmedWhitespace()
        var errors: [InputError] = []
        if !Slug.isValid(slug) { errors.append(InputError(field: "slug", message: "must be lower-case letters, digits and single hyphens")) }
        if !(1...100).contains(name.count) { errors.append(InputError(field: "name", message: "must be 1–100 characters")) }
        guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
        return try database.write { db in
            try checkEditions([edition], &errors, db)
            if try Int64.fetchOne(db, sql: "SELECT id FROM tags WHERE edition_code = ? AND slug = ?", arguments: [edition, slug]) != nil {
                errors.append(InputError(field: "slug", message: "is a tag of this edition already"))
            }
            guard errors.isEmpty else { throw EditorialError.invalid(InputErrors(errors)) }
            try db.execute(sql: "INSERT INTO tags (edition_code, slug, name) VALUES (?, ?, ?)", arguments: [edition, slug, name])
            return try record(ChangeSet([.tag(edition, slug)]), actor, "site.tag.add", "tag", "\(edition):\(slug)", detail: name, db)
        }
    }

    /// Renames a tag: its pages, the article pages naming it and its articles' search entries follow.
    @discardableResult
    public func renameTag(edition: String, slug: String, name: String, by actor: Actor) throws -> ChangeSet {
        let name = name.trimmedWhitespace()
        guard (1...100).contains(name.count) else {
            throw EditorialError.invalid(InputErrors([InputError(field: "name", message: "must be 1–100 characters")]))
        }
        return try database.write { db in
            let id = try tagID(edition, slug, field: "slug", db)
            try SearchIndex.renaming(tag: id, except: nil, db) {
                try db.execute(sql: "UPDATE tags SET name = ? WHERE id = ?", arguments: [name, id])
            }
            return try record(ChangeSet([.tag(edition, slug)]), actor, "site.tag.rename", "tag", "\(edition):\(slug)", detail: name, db)
        }
    }

    /// Merges the tag `from` into `into` (same edition): its articles get `into` (once), their
    /// revisions name `into` instead (a restore does not bring `from` back), and `from` is removed.
    /// Both tags' pages and their articles' pages retire.
    @discardableResult
    public func mergeTags(edition: String, from: String, into: String, by actor: Actor) throws -> ChangeSet {
        try database.write { db in
            guard from != into else { throw EditorialError.invalid(InputErrors([InputError(field: "into", message: "is the same tag")])) }
            let fromID = try tagID(edition, from, field: "slug", db), intoID = try tagID(edition, into, field: "into", db)
            let articles = try Int64.fetchAll(db, sql: "SELECT article_id FROM article_tags WHERE tag_id = ?", arguments: [fromID])
            let live = try Int64.fetchAll(db, sql: """
                SELECT l.article_id FROM article_tags l JOIN articles a ON a.id = l.article_id WHERE l.tag_id = ? AND a.status = 'published'
                """, arguments: [fromID])
            for id in live { try SearchIndex.remove(id, db) }
            // An article with both keeps its place for `into`; the others take `from`'s place.
            try db.execute(sql: """
                UPDATE article_tags SET tag_id = ?2 WHERE tag_id = ?1
                  AND article_id NOT IN (SELECT article_id FROM article_tags WHERE tag_id = ?2)
                """, arguments: [fromID, intoID])
            try db.execute(sql: "DELETE FROM article_tags WHERE tag_id = ?", arguments: [fromID])
            try db.execute(sql: "DELETE FROM tags WHERE id = ?", arguments: [fromID])
            var writer = try ArticleWriter(db)
            writer.tagLists.removed(from: intoID, at: ListKey(publishedAt: .min, articleID: .min))
            try writer.recount()
            for id in live { try SearchIndex.add(id, db) }
            try renameInRevisions(articles, from: from, into: into, db)
            var changes = ChangeSet([.tag(edition, from), .tag(edition, into)])
            for id in articles { changes.insert(.article(id)) }
            return try record(changes, actor, "site.tag.merge", "tag", "\(edition):\(from)", detail: "into \(into), \(articles.count) articles", db)
        }
    }

    // MARK: Helpers

    private func renameInRevisions(_ articles: [Int64], from: String, into: String, _ db: Database) throws {
        for article in articles {
            for row in try Row.fetchAll(db, sql: "SELECT id, tags FROM article_revisions WHERE article_id = ?", arguments: [article]) {
                let slugs = Revisions.tagRefs(row[1]).map(\.slug)
                guard slugs.contains(from) else { continue }
                var merged: [String] = []
                for slug in slugs.map({ $0 == from ? into : $0 }) where !merged.contains(slug) { merged.append(slug) }
                try db.execute(sql: "UPDATE article_revisions SET tags = ? WHERE id = ?", arguments: [merged.joined(separator: ", "), row[0] as Int64])
            }
        }
    }

    private func sectionID(_ path: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sections WHERE path = ?", arguments: [path]) else {
            throw EditorialError.invalid(InputErrors([InputError(field: "path", message: "is not a section")]))
        }
        return id
    }

    private func tagID(_ edition: String, _ slug: String, field: String, _ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tags WHERE edition_code = ? AND slug = ?", arguments: [edition, slug]) else {
            throw EditorialError.invalid(InputErrors([InputError(field: field, message: "is not a tag of this edition")]))
        }
        return id
    }

    private func checkEditions<S: Sequence>(_ codes: S, _ errors: inout [InputError], _ db: Database) throws where S.Element == String {
        let known = Set(try String.fetchAll(db, sql: "SELECT code FROM editions"))
        if let unknown = codes.first(where: { !known.contains($0) }) {
            errors.append(InputError(field: "edition", message: "\"\(unknown)\" is not an edition"))
        }
    }

    private func record(_ changes: ChangeSet, _ actor: Actor, _ action: String, _ type: String, _ object: String, detail: String,
                        _ db: Database) throws -> ChangeSet {
        let time = now()
        try AuditLog.record(actor, action, type, object, detail: detail, at: time, db)
        try ChangeLog.record(changes, at: time, db)
        return changes
    }
}
