import Foundation
import HeraldSupport
import Synchronization
import Testing

/// The progress line of long commands: drawn in place on a terminal, never elsewhere.
@Suite struct ProgressLineTests {
    final class Screen: Sendable {
        let written = Mutex<[String]>([])
        let clock = Mutex<Double>(100)
        func sink(terminal: Bool) -> ProgressLine.Sink {
            ProgressLine.Sink(isTerminal: terminal, now: { self.clock.withLock { $0 } }) { text in self.written.withLock { $0.append(text) } }
        }
        func advance(_ seconds: Double) { clock.withLock { $0 += seconds } }
        var text: [String] { written.withLock { $0 } }
    }

    @Test func aTerminalSeesDoneTotalRateAndTimeLeftRedrawnInPlace() {
        let screen = Screen()
        let line = ProgressLine("import", total: 100_000, unit: "articles", sink: screen.sink(terminal: true))
        line.update(0)
        screen.advance(2)
        line.update(25_000)
        screen.advance(0.1)
        line.update(26_000)   // within 0.2 s of the last drawing: not drawn
        screen.advance(6)
        line.update(100_000)
        line.finish()
        #expect(screen.text == [
            "\r\u{1B}[Kimport: 0 / 100,000 articles (0 %)",
            "\r\u{1B}[Kimport: 25,000 / 100,000 articles (25 %), 12,500/s, 0:06 left",
            "\r\u{1B}[Kimport: 100,000 / 100,000 articles (100 %), 12,346/s, 0:09",
            "\r\u{1B}[Kimport: 100,000 / 100,000 articles (100 %), 12,346/s, 0:09\n",
        ])
        line.update(5)
        #expect(screen.text.count == 4, "nothing after finish")
    }

    @Test func aTotalLearnedLaterAndLongTimes() {
        let screen = Screen()
        let line = ProgressLine("backup", total: 0, unit: "pages", sink: screen.sink(terminal: true))
        line.update(0)
        screen.advance(1)
        line.update(1, total: 4_000_000)
        #expect(screen.text.last == "\r\u{1B}[Kbackup: 1 / 4,000,000 pages (0 %), 1/s, 1111:06:39 left")
    }

    @Test func notATerminalMeansNothingAtAll() {
        let screen = Screen()
        let line = ProgressLine("search", total: 10, unit: "articles", sink: screen.sink(terminal: false))
        line.update(5)
        line.finish()
        #expect(screen.text.isEmpty && !line.isShown)
    }
}
