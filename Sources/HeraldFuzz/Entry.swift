import Foundation

#if FUZZING
/// libFuzzer's entry point (built by `make fuzz` with -DFUZZING and --sanitize=fuzzer,address).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: replays every file of a corpus directory through the same targets, so the
/// committed seeds (and any crash files added to them) are regression tests in `make test`.
@main
struct ReplayCorpus {
    static func main() throws {
        let directory = CommandLine.arguments.dropFirst().first ?? "Tests/FuzzCorpus"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            FuzzTargets.run([UInt8](data))
        }
        print("fuzz: \(files.count) passed, 0 failed")
    }
}
#endif
