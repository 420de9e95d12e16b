/// The pixel size an image file declares in its header — PNG, GIF, JPEG, WebP, or the width and
/// height (else the viewBox) of an SVG — without decoding it; nil for anything else.
public enum ImageSize {
    public static func of(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { le16(i) | Int(bytes[i + 2]) << 16 }
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        func valid(_ size: (Int, Int)) -> (width: Int, height: Int)? {
            (1...100_000).contains(size.0) && (1...100_000).contains(size.1) ? (size.0, size.1) : nil
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24 { return valid((be32(16), be32(20))) }
        if starts(Array("GIF8".utf8)), bytes.count >= 10 { return valid((le16(6), le16(8))) }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8), bytes.count >= 30 {
            if starts(Array("VP8X".utf8), at: 12) { return valid((le24(24) + 1, le24(27) + 1)) }
            if starts(Array("VP8 ".utf8), at: 12) { return valid((le16(26) & 0x3FFF, le16(28) & 0x3FFF)) }
            if starts(Array("VP8L".utf8), at: 12), bytes.count >= 25 {
                let b = (Int(bytes[21]), Int(bytes[22]), Int(bytes[23]), Int(bytes[24]))
                return valid((1 + (((b.1 & 0x3F) << 8) | b.0), 1 + (((b.3 & 0x0F) << 10) | (b.2 << 2) | ((b.1 & 0xC0) >> 6))))
            }
            return nil
        }
        if starts([0xFF, 0xD8]) {
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = be16(i + 2)
                // Start of frame (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    return valid((be16(i + 7), be16(i + 5)))
                }
                i += 2 + length
            }
            return nil
        }
        return svg(String(decoding: bytes.prefix(4096), as: UTF8.self))
    }

    /// An SVG's width and height in pixels (plain numbers or "px"), else its viewBox's.
    static func svg(_ text: String) -> (width: Int, height: Int)? {
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = text[start.upperBound..<end]
        func attribute(_ name: String) -> Substring? {
            guard let found = tag.range(of: " \(name)=\"") ?? tag.range(of: "\n\(name)=\"") else { return nil }
            let rest = tag[found.upperBound...]
            return rest.firstIndex(of: "\"").map { rest[..<$0] }
        }
        func pixels(_ value: Substring?) -> Int? {
            guard var value else { return nil }
            if value.hasSuffix("px") { value = value.dropLast(2) }
            return Double(value).map { Int($0.rounded()) }
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return (1...100_000).contains(width) && (1...100_000).contains(height) ? (width, height) : nil
        }
        guard let box = attribute("viewBox") else { return nil }
        let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        guard numbers.count == 4 else { return nil }
        let (width, height) = (Int(numbers[2].rounded()), Int(numbers[3].rounded()))
        return (1...100_000).contains(width) && (1...100_000).contains(height) ? (width, height) : nil
    }
}
