import Foundation

/// A wall-clock date and time in some time zone, computed without Calendar (cheap per page).
public struct LocalDateTime: Sendable, Equatable {
    public var year: Int
    /// 1–12.
    public var month: Int
    /// 1–31.
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// The instants shown as themselves (about two million years either way); times beyond are
    /// clamped, so no input — a 64-bit number from a URL — can overflow the day arithmetic.
    public static let representable: ClosedRange<Int64> = -(1 << 46)...(1 << 46)

    /// The wall-clock time of a Unix timestamp shifted by `offsetSeconds`.
    public init(unix: Int64, offsetSeconds: Int) {
        let local = min(max(unix, Self.representable.lowerBound), Self.representable.upperBound) + Int64(offsetSeconds)
        let days = Int(local.floorDivided(by: 86_400))
        let secondsOfDay = Int(local - Int64(days) * 86_400)
        (year, month, day) = CivilCalendar.civil(fromDays: days)
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// The wall-clock time of a Unix timestamp in an IANA zone (UTC when the zone is unknown).
    public init(unix: Int64, timeZone: TimeZone) {
        self.init(unix: unix, offsetSeconds: timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unix))))
    }

    /// "2026-11-29".
    public var isoDay: String {
        guard (0...9999).contains(year) else {
            return LocalDateTime.pad(year, 4) + "-" + LocalDateTime.pad(month, 2) + "-" + LocalDateTime.pad(day, 2)
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            writeDay(into: out)
            return 10
        }
    }

    /// "2026-11-29T10:00:00Z" for a time already in UTC (`datetime` attributes). Written as bytes:
    /// pages format dozens of these, and string concatenation cost microseconds each.
    public var isoUTC: String {
        guard (0...9999).contains(year) else {
            return isoDay + "T" + LocalDateTime.pad(hour, 2) + ":" + LocalDateTime.pad(minute, 2) + ":" + LocalDateTime.pad(second, 2) + "Z"
        }
        return String(unsafeUninitializedCapacity: 20) { out in
            writeDay(into: out)
            out[10] = UInt8(ascii: "T")
            LocalDateTime.write(hour, 2, into: out, at: 11)
            out[13] = UInt8(ascii: ":")
            LocalDateTime.write(minute, 2, into: out, at: 14)
            out[16] = UInt8(ascii: ":")
            LocalDateTime.write(second, 2, into: out, at: 17)
            out[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Appends `isoUTC` to a page's bytes with no String in between.
    public func writeISOUTC(to out: inout [UInt8]) {
        guard (0...9999).contains(year) else { return out.append(contentsOf: isoUTC.utf8) }
        appendDecimal(year, width: 4, to: &out); out.append(UInt8(ascii: "-"))
        appendDecimal(month, width: 2, to: &out); out.append(UInt8(ascii: "-"))
        appendDecimal(day, width: 2, to: &out); out.append(UInt8(ascii: "T"))
        appendDecimal(hour, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        appendDecimal(minute, width: 2, to: &out); out.append(UInt8(ascii: ":"))
        appendDecimal(second, width: 2, to: &out); out.append(UInt8(ascii: "Z"))
    }

    /// "YYYY-MM-DD" into the first ten bytes.
    private func writeDay(into out: UnsafeMutableBufferPointer<UInt8>) {
        LocalDateTime.write(year, 4, into: out, at: 0)
        out[4] = UInt8(ascii: "-")
        LocalDateTime.write(month, 2, into: out, at: 5)
        out[7] = UInt8(ascii: "-")
        LocalDateTime.write(day, 2, into: out, at: 8)
    }

    /// `value` as exactly `width` zero-padded decimal digits.
    static func write(_ value: Int, _ width: Int, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var rest = value
        for index in stride(from: start + width - 1, through: start, by: -1) {
            out[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// Zero-padded decimal (String(format:) costs microseconds per call on Linux; pages format dozens).
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's days-from-civil algorithms).
public enum CivilCalendar {
    /// Days since 1970-01-01 for a date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01.
    public static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The number of days in a month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses an ISO 8601 timestamp with an offset ("2026-11-24T07:44:00+05:00", "…Z") to Unix seconds.
    public static func parseTimestamp(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var value = 0
            for byte in b[from..<(from + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard b.count >= 17, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2),
              (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60 else { return nil }
        var index = 16
        var second = 0
        if index < b.count, b[index] == 0x3A {
            guard let s = number(17, 2), s < 60 else { return nil }
            second = s
            index = 19
            if index < b.count, b[index] == 0x2E {          // fractional seconds are ignored
                index += 1
                while index < b.count, (0x30...0x39).contains(b[index]) { index += 1 }
            }
        }
        guard index < b.count else { return nil }
        var offset = 0
        if b[index] == 0x5A, index + 1 == b.count {
            offset = 0
        } else if b[index] == 0x2B || b[index] == 0x2D, b.count == index + 6, b[index + 3] == 0x3A,
                  let oh = number(index + 1, 2), let om = number(index + 4, 2), oh < 24, om < 60 {
            offset = (oh * 3600 + om * 60) * (b[index] == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        let days = Int64(days(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
    }

    /// Parses "YYYY-MM-DD"; nil when it is not a real date.
    public static func parseDay(_ text: String) -> (Int, Int, Int)? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
              let y = Int(text.prefix(4)), let m = Int(text.dropFirst(5).prefix(2)), let d = Int(text.suffix(2)),
              b.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }),
              (1...12).contains(m), (1...daysInMonth(year: y, month: m)).contains(d) else { return nil }
        return (y, m, d)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

/// Day strings from timestamps.
public enum UTCDay {
    /// "YYYY-MM-DD" of a Unix time in UTC.
    public static func isoDay(unix: Int64) -> String {
        LocalDateTime(unix: unix, offsetSeconds: 0).isoDay
    }
}

/// A time zone's UTC offsets as a transition table, so formatting a timestamp is a binary search
/// instead of a Foundation/ICU call (which costs microseconds and runs dozens of times per page).
public struct ZoneOffsets: Sendable {
    private let starts: [Int64]
    private let offsets: [Int]

    /// Samples `timeZone` every 7 days from 1970 to 2060 and pins each change to the second.
    public init(_ timeZone: TimeZone) {
        func offset(_ t: Int64) -> Int { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))) }
        var starts: [Int64] = [Int64.min]
        var offsets: [Int] = [offset(0)]
        let step: Int64 = 7 * 86_400
        var t: Int64 = 0
        while t < 2_840_140_800 {                  // 2060-01-01
            let next = t + step
            let nextOffset = offset(next)
            if nextOffset != offsets.last! {
                var low = t, high = next            // offset(low) == last, offset(high) == nextOffset
                while high - low > 1 {
                    let mid = low + (high - low) / 2
                    if offset(mid) == offsets.last! { low = mid } else { high = mid }
                }
                starts.append(high)
                offsets.append(nextOffset)
            }
            t = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The offset from UTC in seconds at a Unix time.
    public func offset(at unix: Int64) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= unix { low = mid } else { high = mid - 1 }
        }
        return offsets[low]
    }
}
