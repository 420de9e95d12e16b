import Foundation
import HeraldSupport
import NewsCore

/// Reads JSON Lines article files and stores them through the editorial writes
/// (`EditorialRepository.importPrepared`).
public struct Importer: Sendable {
    let articles: EditorialRepository
    let actor: Actor

    /// Creates an importer over a database, writing as `actor` (recorded in revisions and the audit log).
    public init(_ database: HeraldDatabase, as actor: Actor = .system("import"),
                now: @escaping @Sendable () -> Int64 = UnixClock.system) {
        articles = EditorialRepository(database, now: now)
        self.actor = actor
    }

    /// Parses every line first (on every core); the first bad line (number and field) stops the
    /// import before anything is written.
    public static func parse(_ text: String) throws -> [(line: Int, article: ArticleInput)] {
        // Split on bytes: a Character-wise split walks grapheme clusters through megabytes of text.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
            .map { (number: $0.offset + 1, text: String(decoding: $0.element, as: UTF8.self).trimmedWhitespace()) }
            .filter { !$0.text.isEmpty && !$0.text.hasPrefix("//") }
        let results = lines.concurrentMap { ArticleInput.parse(line: $0.text) }
        var parsed: [(line: Int, article: ArticleInput)] = []
        parsed.reserveCapacity(lines.count)
        for (line, result) in zip(lines, results) {
            switch result {
            case .success(let article): parsed.append((line.number, article))
            case .failure(let error): throw ImportError(line: line.number, field: error.field, message: error.message)
            }
        }
        return parsed
    }

    /// Imports one file in one transaction.
    @discardableResult
    public func importFile(at path: String, progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.unreadableFile, "import: unable to read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError(.unreadableFile, "import: \(path) is not UTF-8 text")
        }
        return try importText(text, progress: progress)
    }

    /// Imports JSON Lines text in one transaction.
    @discardableResult
    public func importText(_ text: String, progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try articles.importPrepared(EditorialRepository.prepare(try Importer.parse(text)), by: actor, progress: progress)
    }
}
