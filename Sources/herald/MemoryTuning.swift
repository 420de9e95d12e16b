/// glibc allocator settings for a long-running server.
enum MemoryTuning {
    /// SQLite's sorters and temporary b-trees allocate and free blocks of a few hundred KB on
    /// every page query; with glibc's default thresholds each free hands the pages back to the
    /// kernel and the next query faults them in again (page faults and TLB shootdowns measured at
    /// ≈ 35 % of CPU under load). Raising the thresholds keeps those blocks in the heap; the cost
    /// is that up to 64 MB of freed memory may stay mapped.
    static func keepFreedMemoryInTheHeap() {
        #if os(Linux)
        _ = glibcMallopt(-1, 64 << 20)     // M_TRIM_THRESHOLD
        _ = glibcMallopt(-3, 16 << 20)     // M_MMAP_THRESHOLD
        #endif
    }
}

#if os(Linux)
/// malloc.h's mallopt, which the Glibc module does not export.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
