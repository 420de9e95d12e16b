import Testing
import Foundation
@testable import NewsCore
@testable import HeraldSupport

@Suite struct MarkdownTests {
    @Test func paragraphsHeadingsQuotesAndLists() {
        let html = Markdown.html("First line\nsame paragraph\n\n## Heading\n\n> A quote\n\n- one\n- two\n\n1. first\n2. second")
        #expect(html == "<p>First line same paragraph</p>\n<h2>Heading</h2>\n<blockquote><p>A quote</p></blockquote>\n<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>\n")
    }

    @Test func inlineMarkup() {
        #expect(Markdown.html("**bold** and *em* and `x<y`") == "<p><strong>bold</strong> and <em>em</em> and <code>x&lt;y</code></p>\n")
        #expect(Markdown.html("[site](https://example.org/a?b=1&c=2)") == "<p><a href=\"https://example.org/a?b=1&amp;c=2\">site</a></p>\n")
    }

    @Test func rawHTMLIsShownAsText() {
        let html = Markdown.html("<script>alert(1)</script> <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;"))
    }

    @Test(arguments: ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "//evil.example/x", "vbscript:x", "https://a\"onmouseover=\"x"])
    func unsafeLinksAreNotLinked(_ url: String) {
        let html = Markdown.html("[click](\(url))")
        #expect(!html.contains("<a "), "\(url) became a link: \(html)")
    }

    @Test func unmatchedDelimitersStayLiteralAndHostileNestingIsBounded() {
        #expect(Markdown.html("2 * 3 = 6 and a_b") == "<p>2 * 3 = 6 and a_b</p>\n")
        let deep = String(repeating: "[", count: 5000) + "x" + String(repeating: "](/a)", count: 5000)
        #expect(!Markdown.html(deep).isEmpty)
        let stars = String(repeating: "*", count: 20000)
        #expect(Markdown.html(stars).count >= 20000)
    }
}

@Suite struct EscapingAndSlugTests {
    @Test func escapesAllFiveCharacters() {
        #expect(escapeHTML(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(escapeHTML("Қазақша 中文") == "Қазақша 中文")
    }

    /// The escaper skips eight bytes at a time: every special character at every offset of words
    /// of several lengths, next to multi-byte text and bytes one off from a special one, must come
    /// out as a byte-by-byte escaper would write it.
    @Test func escapesAtEveryOffset() {
        func reference(_ text: String) -> String {
            var out = ""
            for ch in text {
                switch ch {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(ch)
                }
            }
            return out
        }
        let fillers = ["a", "%", "=", "?", ";", "(", "Ж", "中"]   // ' ± 1, & ± 1, < ± 1, > ± 1, " ± 1 among them
        for special in ["&", "<", ">", "\"", "'"] {
            for filler in fillers {
                for length in [1, 7, 8, 9, 15, 16, 17, 31] {
                    for offset in 0..<length {
                        var characters = Array(repeating: filler, count: length)
                        characters[offset] = special
                        let text = characters.joined()
                        #expect(escapeHTML(text) == reference(text), "\(text)")
                    }
                }
            }
        }
        #expect(escapeHTML("!#$%()*+,-./0123456789:;=?@[]^_`{|}~") == "!#$%()*+,-./0123456789:;=?@[]^_`{|}~")
    }

    /// Decimal numbers written straight into pages match String's digits, zero-padded to the width.
    @Test func decimalsMatchStringDigits() {
        let values: [Int64] = [0, 1, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 2026, 65535, 123_456_789, -1, -42, -100,
                               Int64.max, Int64.min]
        for value in values {
            for width in [1, 2, 4] {
                var out: [UInt8] = []
                appendDecimal(value, width: width, to: &out)
                let digits = String(value.magnitude)
                let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
                #expect(String(decoding: out, as: UTF8.self) == (value < 0 ? "-" : "") + padded, "\(value) width \(width)")
            }
        }
    }

    /// The JSON-in-HTML escaper also skips eight bytes at a time: each character it must handle, at
    /// every offset, is escaped so that a JSON parser reads the text back and no markup
    /// character, control byte or line separator is left raw.
    @Test func escapesJSONAtEveryOffset() throws {
        for special in ["\"", "\\", "<", ">", "&", "\n", "\r", "\t", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\u{2027}", "—"] {
            for filler in ["a", "Ж", "中", " "] {
                for length in [1, 8, 9, 16, 17] {
                    for offset in 0..<length {
                        var characters = Array(repeating: filler, count: length)
                        characters[offset] = special
                        let text = characters.joined()
                        var json: [UInt8] = Array(#"[""#.utf8)
                        appendEscapedJSONString(text, to: &json)
                        json += Array(#""]"#.utf8)
                        let decoded = try JSONSerialization.jsonObject(with: Data(json)) as? [String]
                        #expect(decoded == [text], "\(text.debugDescription)")
                        let raw = String(decoding: json, as: UTF8.self)
                        #expect(!raw.contains { "<>&\u{2028}\u{2029}\u{7F}".contains($0) || ($0.asciiValue ?? 0x20) < 0x20 },
                                "\(text.debugDescription)")
                    }
                }
            }
        }
    }

    @Test func slugs() {
        #expect(Slug.isValid("early-voting-2026"))
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "ä", "a/b", String(repeating: "a", count: 121)] {
            #expect(!Slug.isValid(bad), "\(bad) accepted")
        }
        #expect(Slug.isValidPath("news/elections"))
        #expect(!Slug.isValidPath("news//elections"))
        #expect(!Slug.isValidPath("news/../etc"))
    }
}

@Suite struct CivilTimeTests {
    @Test func parsesTimestampsWithOffsets() {
        #expect(CivilCalendar.parseTimestamp("2026-11-29T10:00:00Z") == 1_795_946_400)
        #expect(CivilCalendar.parseTimestamp("2026-11-29T15:00:00+05:00") == 1_795_946_400)
        #expect(CivilCalendar.parseTimestamp("2026-11-29T15:00+05:00") == 1_795_946_400)
        for bad in ["2026-02-30T10:00:00Z", "2026-11-29", "2026-11-29T25:00:00Z", "2026-11-29T10:00:00", "1e9", "2026-11-29T10:00:00+5"] {
            #expect(CivilCalendar.parseTimestamp(bad) == nil, "\(bad) accepted")
        }
    }

    @Test func wallClockInAZone() {
        let t = LocalDateTime(unix: 1_795_946_400, offsetSeconds: 5 * 3600)
        #expect((t.year, t.month, t.day, t.hour, t.minute) == (2026, 11, 29, 15, 0))
        #expect(LocalDateTime(unix: -1, offsetSeconds: 0).isoDay == "1969-12-31")
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
    }

    @Test func isoFormsArePadded() {
        #expect(LocalDateTime(unix: 1_795_946_400, offsetSeconds: 0).isoUTC == "2026-11-29T10:00:00Z")
        #expect(LocalDateTime(unix: 1_767_225_599, offsetSeconds: 0).isoUTC == "2025-12-31T23:59:59Z")
        #expect(LocalDateTime(unix: 1_772_330_645, offsetSeconds: 0).isoUTC == "2026-03-01T02:04:05Z")
        #expect(LocalDateTime(unix: 0, offsetSeconds: 0).isoUTC == "1970-01-01T00:00:00Z")
        #expect(LocalDateTime(unix: 253_402_300_800, offsetSeconds: 0).isoDay == "10000-01-01", "five-digit years still print")
    }
}

@Suite struct ArticleInputTests {
    let valid = #"{"edition":"en","story":"s1","section":"news/elections","slug":"a-b","title":"T","body":"B","tags":["x",{"slug":"y","name":"Y"}],"published":"2026-11-24T07:44:00+05:00"}"#

    @Test func parsesAValidLine() throws {
        let input = try ArticleInput.parse(line: valid).get()
        #expect(input.slug == "a-b")
        #expect(input.tags == [.init(slug: "x", name: nil), .init(slug: "y", name: "Y")])
        #expect(input.status == .published)
        #expect(input.publishedAt == 1_795_488_240)
    }

    @Test(arguments: [
        (#"{"edition":"en"}"#, "story"),
        ("not json", "line"),
        (#"{"edition":"en","story":"s","section":"news","slug":"Bad Slug","title":"T","body":"B","published":"2026-11-24T07:44:00Z"}"#, "slug"),
        (#"{"edition":"en","story":"s","section":"news","slug":"ok","title":"T","body":"B","published":"yesterday"}"#, "published"),
        (#"{"edition":"en","story":"s","section":"news","slug":"ok","title":"T","body":"B","published":"2026-11-24T07:44:00Z","tags":["no spaces allowed"]}"#, "tags"),
        (#"{"edition":"en","story":"s","section":"news","slug":"ok","title":"T","body":"B","published":"2026-11-24T07:44:00Z","photo":"javascript:alert(1)"}"#, "photo"),
        (#"{"edition":"en","story":"s","section":"news","slug":"ok","title":"T","body":"B","published":"2026-11-24T07:44:00Z","titel":"typo"}"#, "titel"),
        (#"{"edition":"en","story":"s","section":"news","slug":"ok","title":"","body":"B","published":"2026-11-24T07:44:00Z"}"#, "title"),
    ])
    func namesTheFieldAtFault(_ line: String, _ field: String) {
        switch ArticleInput.parse(line: line) {
        case .success: Issue.record("accepted: \(line)")
        case .failure(let error): #expect(error.field == field, "\(error)")
        }
    }
}

@Suite struct ZoneOffsetTests {
    @Test func matchesFoundationAcrossTransitions() throws {
        for identifier in ["Asia/Almaty", "Asia/Tashkent", "Europe/Berlin", "America/New_York", "UTC"] {
            let zone = try #require(TimeZone(identifier: identifier))
            let table = ZoneOffsets(zone)
            var t: Int64 = 0
            while t < 2_000_000_000 {
                #expect(table.offset(at: t) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))), "\(identifier) at \(t)")
                t += 86_400 * 13 + 3_607
            }
        }
    }
}

@Suite struct ExtremeTimesTests {
    /// Any Int64 is shown without trapping (clamped to about two million years either way).
    @Test func extremeTimesDoNotOverflow() {
        for unix: Int64 in [Int64.min, Int64.min + 1, -(1 << 46) - 1, 1 << 47, Int64.max] {
            let time = LocalDateTime(unix: unix, offsetSeconds: -12 * 3600)
            #expect(abs(time.year) < 3_000_000)
        }
        #expect(LocalDateTime(unix: 0, offsetSeconds: 0).isoUTC == "1970-01-01T00:00:00Z")
    }
}
