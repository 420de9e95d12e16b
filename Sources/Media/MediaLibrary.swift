import Foundation
import HeraldCrypto
import HeraldSupport
import HeraldVips
import NewsCore
import Synchronization

/// Why an upload was refused: each case has a message for the editor, and nothing was stored.
public enum MediaError: Error, Equatable, CustomStringConvertible, Sendable {
    case empty
    case tooLarge(limit: Int)
    /// Not JPEG, PNG or WebP by its bytes (an HTML page named .jpg, an SVG, a PDF …).
    case notAPhoto
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The file starts like a photo but cannot be read through (truncated, corrupt).
    case damaged(String)
    case storage(String)

    public var description: String {
        switch self {
        case .empty: return "the file is empty"
        case .tooLarge(let limit): return "the file is larger than \(limit >> 20) MB"
        case .notAPhoto: return "the file is not a JPEG, PNG or WebP photo (its contents were checked, not its name)"
        case .tooManyPixels(let width, let height, let limit):
            return "the photo is \(width) × \(height) pixels, more than the \(limit / 1_000_000) megapixels accepted"
        case .damaged: return "the photo is damaged or incomplete and cannot be read"
        case .storage(let detail): return "the photo could not be stored: \(detail)"
        }
    }
}

/// An upload as stored: its hash, type and size, and the reference an article's photo field holds.
public struct StoredPhoto: Sendable, Equatable {
    public var reference: MediaReference
    public var format: String
    public var bytes: Int
    /// False when the same bytes were uploaded before (nothing new was written).
    public var isNew: Bool
}

/// The media directory: uploads checked by their bytes, turned into renditions with libvips
/// (480, 960 and 1600 pixels wide, JPEG and WebP, orientation applied, metadata stripped) and
/// stored by the upload's SHA-256 under `<directory>/<first two hex digits>/<hash>/`. The
/// original is not kept: it may carry a reporter's GPS position.
public final class MediaLibrary: Sendable {
    /// The largest upload accepted.
    public static let maxBytes = 20 << 20
    /// The most pixels a photo may have (a 30,000 × 30,000 "decompression bomb" is 900 million).
    public static let maxPixels = 60_000_000

    public let directory: String
    /// One upload is processed at a time: a small server's memory holds one photo's pixels, not many.
    private let processing = Mutex(())

    /// A library over `directory` (created when missing); starts libvips.
    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard herald_vips_start(1) == 0 else { throw MediaError.storage("libvips did not start: \(Self.vipsError())") }
    }

    /// Checks and stores the upload at `path` (a temporary file): its type from its bytes, its
    /// declared size against the pixel limit before anything is decoded, then the renditions,
    /// written to a scratch directory and renamed into place whole. The same bytes stored before
    /// are not processed again.
    public func store(uploadAt path: String) throws(MediaError) -> StoredPhoto {
        guard let data = FileManager.default.contents(atPath: path) else { throw .storage("the upload could not be read") }
        guard !data.isEmpty else { throw .empty }
        guard data.count <= Self.maxBytes else { throw .tooLarge(limit: Self.maxBytes) }
        let bytes = [UInt8](data)
        guard let format = Self.sniff(bytes) else { throw .notAPhoto }
        guard let declared = ImageSize.of(Array(bytes.prefix(1 << 16))) else { throw .damaged("no size in its header") }
        guard declared.width * declared.height <= Self.maxPixels else {
            throw .tooManyPixels(width: declared.width, height: declared.height, limit: Self.maxPixels)
        }
        let hash = Tokens.sha256(bytes: bytes).map { String(format: "%02x", $0) }.joined()
        return try processing.withLock { _ throws(MediaError) -> StoredPhoto in
            if let existing = try existingReference(hash) {
                return StoredPhoto(reference: existing, format: format, bytes: bytes.count, isNew: false)
            }
            let (width, height) = try probe(path, format: format)
            let reference = MediaReference(hash: hash, width: width, height: height)
            try writeRenditions(of: path, reference)
            return StoredPhoto(reference: reference, format: format, bytes: bytes.count, isNew: true)
        }
    }

    /// The file of a rendition (`960.webp`) when it exists.
    public func file(hash: String, name: String) -> String? {
        guard MediaReference.isHash(hash), Self.isRenditionName(name) else { return nil }
        let path = folder(hash) + "/" + name
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Every stored upload's hash and the rendition files it has.
    public func stored() -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let manager = FileManager.default
        for shard in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where shard.count == 2 {
            for hash in (try? manager.contentsOfDirectory(atPath: directory + "/" + shard)) ?? [] where MediaReference.isHash(hash) {
                result[hash] = Set((try? manager.contentsOfDirectory(atPath: folder(hash))) ?? [])
            }
        }
        return result
    }

    /// The rendition files a reference needs.
    public static func fileNames(_ reference: MediaReference) -> [String] {
        reference.renditionWidths.flatMap { width in MediaReference.Format.allCases.map { "\(width).\($0.rawValue)" } }
    }

    /// Writes a photo-like test image (tests and the benchmark): JPEG, PNG or WebP by the extension.
    public static func writeSample(width: Int, height: Int, to path: String) throws {
        guard herald_vips_start(1) == 0, herald_vips_sample(path, Int32(width), Int32(height)) == 0 else {
            throw MediaError.storage(vipsError())
        }
    }

    // MARK: Private

    private func folder(_ hash: String) -> String { directory + "/" + hash.prefix(2) + "/" + hash }

    private static func isRenditionName(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 2 && MediaReference.Format(rawValue: String(parts[1])) != nil
            && parts[0].count <= 5 && parts[0].allSatisfy(\.isASCII) && Int(parts[0]) != nil && !parts[0].hasPrefix("0")
    }

    /// JPEG, PNG or WebP by their signatures; nil for anything else.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return "webp" }
        return nil
    }

    /// A reference for a hash stored before (its largest rendition says the size).
    private func existingReference(_ hash: String) throws(MediaError) -> MediaReference? {
        let marker = folder(hash) + "/size"
        guard let text = try? String(contentsOfFile: marker, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "x").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard parts.count == 2 else { return nil }
        let reference = MediaReference(hash: hash, width: parts[0], height: parts[1])
        return Self.fileNames(reference).allSatisfy { file(hash: hash, name: $0) != nil } ? reference : nil
    }

    /// The size libvips reads, after checking it would use the loader the bytes promised.
    private func probe(_ path: String, format: String) throws(MediaError) -> (Int, Int) {
        var loader = [CChar](repeating: 0, count: 128)
        var width: Int32 = 0, height: Int32 = 0
        guard herald_vips_probe(path, &loader, Int32(loader.count), &width, &height) == 0 else { throw .damaged(Self.vipsError()) }
        let name = String(decoding: loader.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased()
        guard name.contains(format == "jpeg" ? "jpeg" : format) else { throw .notAPhoto }
        guard Int(width) * Int(height) <= Self.maxPixels else {
            throw .tooManyPixels(width: Int(width), height: Int(height), limit: Self.maxPixels)
        }
        return (Int(width), Int(height))
    }

    private func writeRenditions(of path: String, _ reference: MediaReference) throws(MediaError) {
        let manager = FileManager.default
        let scratch = directory + "/.incoming-" + UUID().uuidString
        defer { try? manager.removeItem(atPath: scratch) }
        do { try manager.createDirectory(atPath: scratch, withIntermediateDirectories: true) } catch { throw .storage("\(error)") }
        for width in reference.renditionWidths {
            var written: (Int32, Int32) = (0, 0)
            guard herald_vips_rendition(path, Int32(width), "\(scratch)/\(width).jpg", "\(scratch)/\(width).webp",
                                        &written.0, &written.1) == 0 else { throw .damaged(Self.vipsError()) }
            do { try WebPMetadata.strip(fileAt: "\(scratch)/\(width).webp") } catch { throw .storage("\(error)") }
        }
        do {
            try "\(reference.width)x\(reference.height)\n".write(toFile: scratch + "/size", atomically: false, encoding: .utf8)
            let target = folder(reference.hash)
            try manager.createDirectory(atPath: directory + "/" + reference.hash.prefix(2), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
            try manager.moveItem(atPath: scratch, toPath: target)
        } catch {
            throw .storage("\(error)")
        }
    }

    private static func vipsError() -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        herald_vips_error(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
