import Foundation

/// Removes the EXIF and XMP chunks libvips 8.14's WebP saver writes even when told to strip
/// (a fresh EXIF block with the orientation and resolution): a rendition carries pixels only.
enum WebPMetadata {
    /// The file without its EXIF and XMP chunks, its VP8X flags updated; unchanged when it has none.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) else { return bytes }
        var chunks: [UInt8] = []
        var offset = 12
        var removed = false
        while offset + 8 <= bytes.count {
            let tag = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = min(bytes.count, offset + 8 + size + (size & 1))
            if tag == "EXIF" || tag == "XMP " {
                removed = true
            } else {
                var chunk = Array(bytes[offset..<end])
                // VP8X's first byte holds the flags: 0x08 EXIF, 0x04 XMP.
                if tag == "VP8X", chunk.count > 8 { chunk[8] &= ~UInt8(0x0C) }
                chunks += chunk
            }
            offset = end
        }
        guard removed else { return bytes }
        let riffSize = UInt32(4 + chunks.count)
        return Array("RIFF".utf8) + [UInt8(riffSize & 0xFF), UInt8((riffSize >> 8) & 0xFF), UInt8((riffSize >> 16) & 0xFF),
                                     UInt8(riffSize >> 24)] + Array("WEBP".utf8) + chunks
    }

    /// Strips the file at `path` in place.
    static func strip(fileAt path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let bytes = [UInt8](data)
        let stripped = strip(bytes)
        if stripped.count != bytes.count { try Data(stripped).write(to: URL(fileURLWithPath: path)) }
    }
}
