#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value read on every request and replaced rarely, behind a reader–writer lock: readers never
/// block one another. (Swift's `Mutex` is a priority-inheritance futex on Linux; two server
/// threads reading through it on every request contend in the kernel.)
public final class ReadMostly<Value>: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private var value: Value

    /// Wraps an initial value.
    public init(_ value: Value) {
        self.value = value
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// The current value.
    public func read() -> Value {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return value
    }

    /// Replaces the value under the write lock; `update` sees the current one.
    public func update(_ update: (inout Value) throws -> Void) rethrows {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        try update(&value)
    }
}

/// The kernel's id of the calling thread (Linux `gettid`), for /proc/self/task lookups; 0 where
/// there is none.
public func currentThreadID() -> Int32 {
    #if os(Linux)
    return glibcGettid()
    #else
    return 0
    #endif
}

#if os(Linux)
/// glibc's gettid (2.30 and later), which the Glibc module does not export.
@_silgen_name("gettid")
private func glibcGettid() -> Int32
#endif
