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

/// Escapes UTF-8 bytes for HTML (& < > " '), copying the runs between them in one go.
public func appendEscapedHTML(bytes utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
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
