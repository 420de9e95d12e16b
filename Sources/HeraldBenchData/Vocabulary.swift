import Foundation

/// The word lists of bench/vocabulary.json: per edition, words and places as (display, slug)
/// pairs, people, and how sentences are written (separator, punctuation, quotes).
struct Vocabulary: Decodable {
    struct Style: Decodable {
        var script: String
        var sentenceWords: [Int]
        var separator: String
        var comma: String
        var stop: String
        var quotes: [String]
        var credit: String
        var linkText: String
    }

    var words: [String: [[String]]]
    var places: [String: [[String]]]
    var people: [String: [String]]
    var style: [String: Style]
    var numbers: [String]
    var photos: [String]
    var editionWeights: [String: Double]

    /// Reads the file.
    static func load(path: String) throws -> Vocabulary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeneratorError("unable to read the vocabulary \(path)")
        }
        return try JSONDecoder().decode(Vocabulary.self, from: data)
    }
}

/// A failure the generator reports and exits on.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// SplitMix64: a small, fast, seedable generator, so the same seed gives the same newsroom.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x2545_F491_4F6C_DD1D }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// One of `items` by weight (weights need not sum to 1).
    mutating func pick<T>(_ items: [T], weights: [Double]) -> T {
        var target = Double(next() >> 11) / Double(1 << 53) * weights.reduce(0, +)
        for (item, weight) in zip(items, weights) {
            target -= weight
            if target < 0 { return item }
        }
        return items[items.count - 1]
    }
}
