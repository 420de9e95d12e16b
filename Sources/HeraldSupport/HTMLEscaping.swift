/// Escapes text for HTML element content and quoted attribute values (& < > " ').
public func escapeHTML(_ text: String) -> String {
    var needsWork = false
    for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
        needsWork = true
        break
    }
    guard needsWork else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 16)
    appendEscapedHTML(text, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Appends the escaped form of `text` to a byte buffer (the template renderer's hot path): runs
/// of ordinary bytes are copied in one go.
public func appendEscapedHTML(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendEscapedHTML(bytes: $0, to: &out) }
}

/// Escapes UTF-8 bytes for HTML (& < > " '), copying the runs between them in one go. Runs are
/// found eight bytes at a time (most headlines and leads have nothing to escape).
public func appendEscapedHTML(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    var runStart = 0
    var index = 0
    while index < count {
        if index + 8 <= count, !mayNeedHTMLEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
            index += 8
            continue
        }
        let replacement: StaticString
        switch base[index] {
        case 0x26: replacement = "&amp;"
        case 0x3C: replacement = "&lt;"
        case 0x3E: replacement = "&gt;"
        case 0x22: replacement = "&quot;"
        case 0x27: replacement = "&#39;"
        default:
            index += 1
            continue
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
        out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
        index += 1
        runStart = index
    }
    out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
}

/// Whether any of eight bytes is one of & < > " ' (no false negatives).
@inline(__always)
private func mayNeedHTMLEscape(_ word: UInt64) -> Bool {
    (word.bytesEqual(0x26) | word.bytesEqual(0x3C) | word.bytesEqual(0x3E) | word.bytesEqual(0x22) | word.bytesEqual(0x27)) != 0
}

/// Whether any of eight bytes needs a look by the JSON-in-HTML escaper: a control byte, DEL,
/// " \\ < > & or 0xE2 (the first byte of U+2028 and U+2029).
@inline(__always)
private func mayNeedJSONEscape(_ word: UInt64) -> Bool {
    (word.bytesBelow(0x20) | word.bytesEqual(0x22) | word.bytesEqual(0x5C) | word.bytesEqual(0x3C) | word.bytesEqual(0x3E)
        | word.bytesEqual(0x26) | word.bytesEqual(0x7F) | word.bytesEqual(0xE2)) != 0
}

private extension UInt64 {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Non-zero when some byte equals `c` (the classic "has a zero byte" test on self XOR c…c).
    @inline(__always) func bytesEqual(_ c: UInt64) -> UInt64 {
        let x = self ^ (UInt64.ones &* c)
        return (x &- UInt64.ones) & ~x & UInt64.highs
    }

    /// Non-zero when some byte is below `n` (n ≤ 128).
    @inline(__always) func bytesBelow(_ n: UInt64) -> UInt64 {
        (self &- UInt64.ones &* n) & ~self & UInt64.highs
    }
}

/// Appends a decimal number, zero-padded to `width` digits (dates and ids written straight into a
/// page, with no String in between).
public func appendDecimal(_ value: Int64, width: Int = 1, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    // Days, months, hours and minutes: one or two digits, written directly.
    if magnitude < 100 && width <= 2 {
        let tens = UInt8(truncatingIfNeeded: magnitude / 10), ones = UInt8(truncatingIfNeeded: magnitude % 10)
        if tens > 0 || width == 2 { out.append(UInt8(ascii: "0") + tens) }
        return out.append(UInt8(ascii: "0") + ones)
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for 24 digits, on the stack
    withUnsafeMutableBytes(of: &digits) { buffer in
        var index = buffer.count
        repeat {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while index > 0 && (magnitude > 0 || buffer.count - index < width)
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
    }
}

/// `appendDecimal` for an Int.
public func appendDecimal(_ value: Int, width: Int = 1, to out: inout [UInt8]) {
    appendDecimal(Int64(value), width: width, to: &out)
}

/// Appends `text` as the inside of a JSON string that is safe in an HTML `<script>` data block:
/// `"` and `\` and control characters are JSON-escaped, and `<`, `>`, `&`, U+2028 and U+2029 become
/// \u escapes, so neither `</script>` nor `<!--` can ever appear and every JSON parser reads the
/// original text back. Works on UTF-8 bytes (every byte to escape is ASCII but the two line
/// separators, E2 80 A8/A9), copying the runs between them in one go.
public func appendEscapedJSONString(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
        let hex: StaticString = "0123456789abcdef"
        var run = 0
        var index = 0
        func flush(_ upTo: Int) { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<upTo])) }
        func unicodeEscape(_ value: Int) {
            out.append(contentsOf: [0x5C, 0x75])   // \u
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hex.utf8Start[(value >> shift) & 0xF]) }
        }
        while index < utf8.count {
            if index + 8 <= utf8.count,
               !mayNeedJSONEscape(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            switch byte {
            case 0x22, 0x5C:
                flush(index); out.append(contentsOf: [0x5C, byte]); index += 1; run = index
            case 0x0A:
                flush(index); out.append(contentsOf: [0x5C, 0x6E]); index += 1; run = index
            case 0x0D:
                flush(index); out.append(contentsOf: [0x5C, 0x72]); index += 1; run = index
            case 0x09:
                flush(index); out.append(contentsOf: [0x5C, 0x74]); index += 1; run = index
            case 0..<0x20, 0x3C, 0x3E, 0x26, 0x7F:
                flush(index); unicodeEscape(Int(byte)); index += 1; run = index
            case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                flush(index); unicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029); index += 3; run = index
            default:
                index += 1
            }
        }
        flush(utf8.count)
    }
}
