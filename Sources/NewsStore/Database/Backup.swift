import Foundation
import GRDB

/// An online copy of the database: SQLite's backup API from one read snapshot (the server keeps
/// serving and writing), checked with `PRAGMA integrity_check` before it takes its name.
extension HeraldDatabase {
    /// Writes a consistent copy to `path`: first to a temporary file beside it, verified, then
    /// renamed over `path` in one step, so a failed backup leaves no partial file under the name.
    /// Returns the copy's size in bytes.
    @discardableResult
    /// `progress` is told (pages copied, pages in all) as the copy goes.
    public func backup(to path: String, progress: ((Int, Int) -> Void)? = nil) throws -> Int {
        let directory = (path as NSString).deletingLastPathComponent
        let partial = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".partial-" + UUID().uuidString
        let manager = FileManager.default
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: partial + suffix) }
        }
        do {
            var configuration = Configuration()
            configuration.journalMode = .default
            let copy = try DatabaseQueue(path: partial, configuration: configuration)
            try pool.backup(to: copy, pagesPerStep: 1024) { step in
                progress?(step.completedPageCount, step.totalPageCount)
            }
            let check = try copy.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard check == ["ok"] else {
                throw StoreError(.statementFailed, "backup: the copy failed its integrity check: \(check.prefix(3).joined(separator: "; "))")
            }
            try copy.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.statementFailed, "backup: \(path): \(error)")
        }
        guard rename(partial, path) == 0 else {
            throw StoreError(.statementFailed, "backup: \(path): could not be written (\(String(cString: strerror(errno))))")
        }
        return ((try? manager.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
