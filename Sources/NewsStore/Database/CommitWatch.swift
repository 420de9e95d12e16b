import Foundation

/// Notices a commit to the database by any process, cheaply enough to ask on every request.
///
/// In WAL mode every SQLite connection to the file shares the WAL index, the "-shm" file, whose
/// header ends with a checksum of the header (https://www.sqlite.org/walformat.html §2.2.1: the
/// header holds the transaction counter, the last committed frame and its checksum, the salts). A
/// commit rewrites the header, so the checksum moves; reading it is one load from a shared read-only
/// mapping, no lock and no system call. The format is fixed because different SQLite versions
/// share one file. A moved stamp only says "something committed" (a view flush, an import); the
/// caller then reads the content version to learn whether the site data changed.
public final class CommitWatch: @unchecked Sendable {
    private let mapping: UnsafeRawPointer
    private static let mappedBytes = 96
    /// Offset of the first header copy's checksum (aCksum, 8 bytes); that copy is written last.
    private static let checksumOffset = 40

    /// Maps the WAL index of the database at `databasePath`; nil when there is none to map (not in
    /// WAL mode, or the file is too short), and callers fall back to polling.
    public init?(databasePath: String) {
        let fd = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size >= CommitWatch.mappedBytes,
              let pointer = mmap(nil, CommitWatch.mappedBytes, PROT_READ, MAP_SHARED, fd, 0),
              pointer != MAP_FAILED else { return nil }
        mapping = UnsafeRawPointer(pointer)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: mapping), CommitWatch.mappedBytes) }

    /// A value that changes with every commit to the database, by this process or another.
    public var stamp: UInt64 {
        mapping.loadUnaligned(fromByteOffset: CommitWatch.checksumOffset, as: UInt64.self)
    }
}
