import Foundation

/// A progress line for long commands on a terminal — done / total, percent, rate, time left —
/// redrawn in place at most five times a second and ended with a newline; nothing at all when
/// the output is not a terminal (a pipe, a file, cron, CI), so logs and scripts see only results.
public final class ProgressLine: @unchecked Sendable {
    /// Where the line goes and whether it is a terminal.
    public struct Sink: Sendable {
        public var write: @Sendable (String) -> Void
        public var isTerminal: Bool
        public var now: @Sendable () -> Double

        public init(isTerminal: Bool, now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime },
                    write: @escaping @Sendable (String) -> Void) {
            self.write = write
            self.isTerminal = isTerminal
            self.now = now
        }

        /// Standard error, when it is a terminal.
        public static var standardError: Sink {
            Sink(isTerminal: isatty(STDERR_FILENO) == 1) { text in FileHandle.standardError.write(Data(text.utf8)) }
        }
    }

    let label: String
    let unit: String
    private(set) var total: Int
    let sink: Sink
    /// The first update's time: rates count from when the work itself began.
    private var started: Double?
    private var lastDrawn = -Double.infinity
    private var done = 0
    private var finished = false

    /// A line "`label`: done / total `unit`".
    public init(_ label: String, total: Int, unit: String, sink: Sink = .standardError) {
        self.label = label
        self.total = total
        self.unit = unit
        self.sink = sink
    }

    /// True when anything is drawn.
    public var isShown: Bool { sink.isTerminal }

    /// Records `done` of the total (and a new total when it became known); redraws if 0.2 s passed.
    public func update(_ done: Int, total: Int? = nil) {
        guard sink.isTerminal, !finished else { return }
        self.done = done
        if let total { self.total = total }
        let now = sink.now()
        if started == nil { started = now }
        guard now - lastDrawn >= 0.2 else { return }
        lastDrawn = now
        sink.write("\r\u{1B}[K" + text(at: now))
    }

    /// Draws the last state and ends the line.
    public func finish() {
        guard sink.isTerminal, !finished else { return }
        finished = true
        sink.write("\r\u{1B}[K" + text(at: sink.now()) + "\n")
    }

    /// "import: 12,345 / 100,000 articles (12 %), 2,345/s, 0:37 left".
    func text(at now: Double) -> String {
        let elapsed = max(now - (started ?? now), 0.001)
        let rate = Double(done) / elapsed
        var line = "\(label): \(NumberText.grouped(done)) / \(NumberText.grouped(total)) \(unit)"
        if total > 0 { line += " (\(min(100, done * 100 / total)) %)" }
        if done > 0 && elapsed >= 0.5 {
            line += ", \(NumberText.grouped(Int(rate.rounded())))/s"
            if total > done && rate > 0 { line += ", \(Self.clock(Double(total - done) / rate)) left" }
        }
        if done >= total && total > 0 { line += ", \(Self.clock(elapsed))" }
        return line
    }

    /// Seconds as "m:ss" or "h:mm:ss".
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}

/// Numbers as people read them in the interfaces (English digit grouping).
public enum NumberText {
    /// 1234567 → "1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
