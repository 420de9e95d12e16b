import HeraldSupport

/// A word-level difference between two texts (Myers' O((N+M)D) algorithm over word and
/// separator tokens), for comparing revisions side by side.
public enum WordDiff {
    /// A run of tokens and what happened to it.
    public enum Piece: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Past this many edits the texts are shown as one removal and one addition (the search
    /// would cost too much, and such a diff is unreadable anyway).
    public static let maximumEdits = 4000

    /// The pieces turning `old` into `new`, adjacent pieces of one kind merged.
    public static func diff(_ old: String, _ new: String) -> [Piece] {
        let a = tokens(old), b = tokens(new)
        var pieces: [Piece] = []
        func append(_ piece: Piece) {
            switch (pieces.last, piece) {
            case (.same(let x)?, .same(let y)): pieces[pieces.count - 1] = .same(x + y)
            case (.removed(let x)?, .removed(let y)): pieces[pieces.count - 1] = .removed(x + y)
            case (.added(let x)?, .added(let y)): pieces[pieces.count - 1] = .added(x + y)
            default: pieces.append(piece)
            }
        }
        guard let script = editScript(a, b) else {
            if !old.isEmpty { append(.removed(old)) }
            if !new.isEmpty { append(.added(new)) }
            return pieces
        }
        for step in script {
            switch step {
            case .same(let i): append(.same(a[i]))
            case .removed(let i): append(.removed(a[i]))
            case .added(let j): append(.added(b[j]))
            }
        }
        return pieces
    }

    /// True when the two texts differ.
    public static func differs(_ old: String, _ new: String) -> Bool { old != new }

    /// Words (letters, digits and marks), white space runs and single other characters.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var kind = 0   // 1 word, 2 space
        for character in text {
            let next = character.isLetter || character.isNumber ? 1 : (character.isWhitespace ? 2 : 3)
            if next != kind || next == 3 {
                if !current.isEmpty { result.append(current) }
                current = ""
            }
            current.append(character)
            kind = next
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private enum Step { case same(Int), removed(Int), added(Int) }

    /// The shortest edit script, or nil past `maximumEdits`.
    private static func editScript(_ a: [String], _ b: [String]) -> [Step]? {
        // Common prefix and suffix first: revisions usually differ in a few places.
        var start = 0
        while start < a.count && start < b.count && a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start && endB > start && a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        let n = endA - start, m = endB - start
        let max = n + m
        var steps: [Step] = (0..<start).map { .same($0) }
        if max == 0 {
            steps += (endA..<a.count).map { .same($0) }
            return steps
        }
        let limit = Swift.min(max, maximumEdits)
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...limit {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[start + x] == b[start + y] { x += 1; y += 1 }
                v[max + k] = x
                if x >= n && y >= m { found = true; break outer }
            }
        }
        guard found else { return nil }
        // Walk back through the trace.
        var x = n, y = m
        var middle: [Step] = []
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let previous = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && previous[max + k - 1] < previous[max + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : previous[max + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                middle.append(.same(start + x - 1))
                x -= 1; y -= 1
            }
            if d > 0 {
                if x == previousX { middle.append(.added(start + y - 1)) } else { middle.append(.removed(start + x - 1)) }
            }
            x = previousX
            y = previousY
        }
        steps += middle.reversed()
        steps += (endA..<a.count).map { .same($0) }
        return steps
    }
}
