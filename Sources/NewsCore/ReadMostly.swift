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

/// A value owned by the calling thread (pthread thread-local storage), created on first use.
/// Used for per-thread database connections: no lock on the hot path.
public final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    private var key = pthread_key_t()
    private let make: () throws -> Value

    /// `make` creates the value for a thread the first time that thread asks.
    public init(_ make: @escaping () throws -> Value) {
        self.make = make
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        }
    }

    deinit {
        // Values still held by other live threads are not released here (their destructor only
        // runs at thread exit); owners of a ThreadLocal live as long as the process in the server.
        pthread_key_delete(key)
    }

    /// This thread's value.
    public func get() throws -> Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as! Value
        }
        let value = try make()
        pthread_setspecific(key, Unmanaged<AnyObject>.passRetained(value).toOpaque())
        return value
    }
}
