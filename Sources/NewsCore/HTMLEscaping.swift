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
    text.withUTF8 { utf8 in
        var runStart = 0
        for index in 0..<utf8.count {
            let replacement: StaticString
            switch utf8[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
}

/// Appends `text` as the inside of a JSON string that is safe in an HTML `<script>` data block:
/// `"` and `\` and control characters are JSON-escaped, and `<`, `>`, `&`, U+2028 and U+2029 become
/// \u escapes, so neither `</script>` nor `<!--` can ever appear and every JSON parser reads the
/// original text back.
public func appendEscapedJSONString(_ text: String, to out: inout [UInt8]) {
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    func unicodeEscape(_ value: UInt32) {
        out.append(contentsOf: [0x5C, 0x75])   // \u
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        case 0..<0x20, 0x3C, 0x3E, 0x26, 0x7F, 0x2028, 0x2029: unicodeEscape(scalar.value)
        default: out.append(contentsOf: String(scalar).utf8)
        }
    }
}
