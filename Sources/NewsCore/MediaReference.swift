/// A photo uploaded to the media library, as an article's `photo` field names it:
/// `/media/<sha-256 of the upload>/<width>x<height>`. The reference carries the picture's size, so
/// pages write `srcset`, `width` and `height` without looking anything up.
public struct MediaReference: Sendable, Equatable, Hashable {
    /// The rendition widths made for every upload (never wider than the picture itself).
    public static let widths = [480, 960, 1600]

    /// The upload's SHA-256, 64 lower-case hex digits.
    public var hash: String
    public var width: Int
    public var height: Int

    public init(hash: String, width: Int, height: Int) {
        self.hash = hash
        self.width = width
        self.height = height
    }

    /// The reference in a photo field; nil for anything else (a /static/ path, an https:// address).
    public init?(_ photo: String) {
        let parts = photo.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[1] == "media", Self.isHash(parts[2]) else { return nil }
        let size = parts[3].split(separator: "x")
        guard size.count == 2, let width = Int(size[0]), let height = Int(size[1]), (1...100_000).contains(width),
              (1...100_000).contains(height), String(width) == size[0], String(height) == size[1] else { return nil }
        self.init(hash: String(parts[2]), width: width, height: height)
    }

    /// True for 64 lower-case hex digits.
    public static func isHash<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The photo field's value.
    public var path: String { "/media/\(hash)/\(width)x\(height)" }

    /// The widths of its renditions, smallest first: the standard ones below its own width, and
    /// its own width when it is narrower than the largest.
    public var renditionWidths: [Int] {
        var widths = Self.widths.filter { $0 < width }
        if width <= Self.widths.last! { widths.append(width) }
        return widths
    }

    /// A rendition's height, by the picture's proportions.
    public func height(atWidth rendition: Int) -> Int { max(1, Int((Double(height) * Double(rendition) / Double(width)).rounded())) }

    /// A rendition's address: `/media/<hash>/960.webp`.
    public func url(width rendition: Int, format: Format) -> String { "/media/\(hash)/\(rendition).\(format.rawValue)" }

    /// The largest rendition, for cards, feeds and structured data.
    public var largest: (url: String, width: Int, height: Int) {
        let widest = renditionWidths.last!
        return (url(width: widest, format: .jpg), widest, height(atWidth: widest))
    }

    /// The formats every rendition is written in.
    public enum Format: String, Sendable, CaseIterable {
        case jpg, webp
    }
}
