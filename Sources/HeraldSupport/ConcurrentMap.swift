import Dispatch
import Foundation

extension Array {
    /// `map` over every core: the work is cut into a few contiguous chunks per core, each chunk
    /// written to its own slots of the result. For CPU-bound, independent transforms (parsing and
    /// rendering import lines) ahead of the single-writer database transaction.
    public func concurrentMap<Result>(_ transform: (Element) -> Result) -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard count >= 64, cores > 1 else { return map(transform) }
        let chunks = Swift.min(count, cores * 4)
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                self.withUnsafeBufferPointer { elements in
                    nonisolated(unsafe) let elements = elements
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let range = (chunk * elements.count / chunks)..<((chunk + 1) * elements.count / chunks)
                        for index in range { (slots.baseAddress! + index).initialize(to: transform(elements[index])) }
                    }
                }
            }
            initialized = count
        }
    }
}
