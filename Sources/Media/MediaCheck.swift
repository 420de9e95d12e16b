import Foundation
import NewsCore

/// What `herald media check` found: photos articles use whose files are missing, and photos stored
/// that no article uses.
public struct MediaCheckReport: Sendable, Equatable {
    /// Reference path → the articles that use it, for each photo with a file missing.
    public var missing: [(reference: String, files: [String], articles: [Int64])]
    /// Hashes stored on disk that no article or revision names.
    public var unused: [String]
    public var checked: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.unused == b.unused && a.checked == b.checked && a.missing.map(\.reference) == b.missing.map(\.reference)
    }

    /// The report as an operator reads it.
    public var lines: [String] {
        var lines = missing.map { "missing: \($0.reference) (\($0.files.joined(separator: ", "))) used by article \($0.articles.map(String.init).joined(separator: ", "))" }
        lines += unused.map { "unused: /media/\($0)/ (no article uses it)" }
        lines.append("media check: \(checked) photos used by articles, \(missing.count) with files missing, \(unused.count) stored and unused")
        return lines
    }
}

/// Compares the media directory with the references articles hold.
public enum MediaCheck {
    /// `references`: each hash articles use → (its reference path, the articles).
    public static func run(library: MediaLibrary, references: [String: (path: String, articles: [Int64])]) -> MediaCheckReport {
        let stored = library.stored()
        var missing: [(reference: String, files: [String], articles: [Int64])] = []
        for (hash, use) in references.sorted(by: { $0.key < $1.key }) {
            guard let reference = MediaReference(use.path) else { continue }
            let absent = MediaLibrary.fileNames(reference).filter { !(stored[hash]?.contains($0) ?? false) }
            if !absent.isEmpty { missing.append((use.path, absent, use.articles)) }
        }
        let unused = stored.keys.filter { references[$0] == nil }.sorted()
        return MediaCheckReport(missing: missing, unused: unused, checked: references.count)
    }
}
