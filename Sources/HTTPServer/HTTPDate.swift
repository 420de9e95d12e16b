import HeraldSupport

/// HTTP dates in the IMF-fixdate form (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
/// The two obsolete forms are not parsed; a condition carrying one is ignored, as the RFC allows.
public enum HTTPDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The last time formatted (every page of a snapshot has the same Last-Modified).
    private static let lastFormatted = ReadMostly<(unix: Int64, text: String)>((Int64.min, ""))

    /// The IMF-fixdate of a Unix time.
    public static func format(_ unix: Int64) -> String {
        let last = lastFormatted.read()
        if last.unix == unix { return last.text }
        let text = formatted(unix)
        lastFormatted.update { $0 = (unix, text) }
        return text
    }

    private static func formatted(_ unix: Int64) -> String {
        let day = unix >= 0 ? unix / 86_400 : (unix - 86_399) / 86_400
        let seconds = unix - day * 86_400
        let (year, month, dayOfMonth) = CivilCalendar.civil(fromDays: Int(day))
        func two<N: BinaryInteger>(_ n: N) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let weekday = days[Int(((day % 7) + 7) % 7)]
        return "\(weekday), \(two(dayOfMonth)) \(months[month - 1]) \(year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) GMT"
    }

    /// The Unix time of an IMF-fixdate; nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
              bytes[16] == 0x20, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"),
              String(decoding: bytes[25...], as: UTF8.self) == " GMT",
              days.contains(String(decoding: bytes[0..<3], as: UTF8.self)),
              let monthIndex = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for b in bytes[range] {
                guard (0x30...0x39).contains(b) else { return nil }
                value = value * 10 + Int64(b - 0x30)
            }
            return value
        }
        guard let day = number(5..<7), let year = number(12..<16), let hour = number(17..<19),
              let minute = number(20..<22), let second = number(23..<25),
              (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        guard day <= CivilCalendar.daysInMonth(year: Int(year), month: monthIndex + 1) else { return nil }
        return Int64(CivilCalendar.days(year: Int(year), month: monthIndex + 1, day: Int(day))) * 86_400
            + hour * 3600 + minute * 60 + second
    }
}
