import Foundation
import HeraldSupport
import Media
import NewsCore
import Testing
import TestSupport

/// Uploads made in the test with libvips, and hostile ones: the type from the bytes, the pixel
/// limit before decoding, renditions never upscaled, orientation applied, metadata stripped.
@Suite struct MediaLibraryTests {
    let directory = NSTemporaryDirectory() + "herald-media-" + UUID().uuidString
    var library: MediaLibrary { get throws { try MediaLibrary(directory: directory + "/media") } }

    func sample(_ name: String, width: Int, height: Int) throws -> String {
        let path = directory + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try MediaLibrary.writeSample(width: width, height: height, to: path)
        return path
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func size(_ path: String) throws -> (width: Int, height: Int) {
        let data = try #require(FileManager.default.contents(atPath: path))
        return try #require(ImageSize.of([UInt8](data)))
    }

    @Test func aJPEGBecomesRenditionsAtThreeWidthsInJPEGAndWebP() throws {
        let library = try self.library
        let stored = try library.store(uploadAt: try sample("photo.jpg", width: 2000, height: 1500))
        #expect(stored.isNew && stored.format == "jpeg")
        #expect(stored.reference.width == 2000 && stored.reference.height == 1500)
        #expect(stored.reference.renditionWidths == [480, 960, 1600])
        for width in [480, 960, 1600] {
            for format in ["jpg", "webp"] {
                let path = try #require(library.file(hash: stored.reference.hash, name: "\(width).\(format)"))
                let written = try size(path)
                #expect(written.width == width && written.height == width * 3 / 4, "\(width).\(format)")
            }
        }
        #expect(MediaReference(stored.reference.path) == stored.reference, "the photo field's value reads back")
        // The same bytes again: nothing new is written.
        let again = try library.store(uploadAt: directory + "/photo.jpg")
        #expect(!again.isNew && again.reference == stored.reference)
        #expect(library.stored().count == 1)
    }

    @Test func aSmallPhotoIsNeverUpscaled() throws {
        let library = try self.library
        let stored = try library.store(uploadAt: try sample("small.png", width: 300, height: 200))
        #expect(stored.format == "png" && stored.reference.renditionWidths == [300])
        let small = try #require(library.file(hash: stored.reference.hash, name: "300.jpg"))
        #expect(try size(small) == (300, 200))
        #expect(library.file(hash: stored.reference.hash, name: "480.jpg") == nil)
        let webp = try library.store(uploadAt: try sample("wide.webp", width: 1200, height: 400))
        #expect(webp.format == "webp" && webp.reference.renditionWidths == [480, 960, 1200])
    }

    @Test func orientationIsAppliedAndMetadataLikeGPSIsStripped() throws {
        let library = try self.library
        let plain = [UInt8](try #require(FileManager.default.contents(atPath: try sample("phone.jpg", width: 640, height: 480))))
        let tagged = Array(plain[0..<2]) + Self.exifSegment(orientation: 6) + Array(plain[2...])
        #expect(tagged.count > plain.count)
        let stored = try library.store(uploadAt: try file("phone-gps.jpg", tagged))
        #expect(stored.reference.width == 480 && stored.reference.height == 640, "turned a quarter as the camera said")
        let rendition = try #require(library.file(hash: stored.reference.hash, name: "480.jpg"))
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: rendition)))
        #expect(try size(rendition) == (480, 640))
        #expect(bytes.firstRange(of: Array("Exif".utf8)) == nil, "no EXIF block, so no GPS position, survives")
        let webpPath = try #require(library.file(hash: stored.reference.hash, name: "480.webp"))
        let webp = [UInt8](try #require(FileManager.default.contents(atPath: webpPath)))
        #expect(webp.firstRange(of: Array("EXIF".utf8)) == nil && webp.firstRange(of: Array("Exif".utf8)) == nil)
    }

    @Test func anythingButAPhotoIsRefusedAndNothingIsStored() throws {
        let library = try self.library
        func refusal(_ path: String) -> MediaError? {
            do { _ = try library.store(uploadAt: path); return nil } catch { return error }
        }
        #expect(refusal(try file("page.jpg", Array("<!DOCTYPE html><html><script>alert(1)</script>".utf8))) == .notAPhoto)
        #expect(refusal(try file("logo.png", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".utf8))) == .notAPhoto)
        #expect(refusal(try file("empty.jpg", [])) == .empty)
        let photo = [UInt8](try #require(FileManager.default.contents(atPath: try sample("whole.jpg", width: 1200, height: 900))))
        if case .damaged = refusal(try file("half.jpg", Array(photo.prefix(photo.count / 2)))) {} else { Issue.record("a truncated JPEG is refused") }
        let png = [UInt8](try #require(FileManager.default.contents(atPath: try sample("whole.png", width: 800, height: 600))))
        if case .damaged = refusal(try file("half.png", Array(png.prefix(png.count / 2)))) {} else { Issue.record("a truncated PNG is refused") }
        #expect(refusal(try file("bomb.png", HostileFiles.pngHeader(width: 30_000, height: 30_000))) == .tooManyPixels(width: 30_000, height: 30_000, limit: 60_000_000))
        #expect(refusal(try file("huge.jpg", [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: MediaLibrary.maxBytes))) == .tooLarge(limit: MediaLibrary.maxBytes))
        #expect(library.stored().isEmpty, "nothing was stored")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/media")
        #expect(leftovers.isEmpty, "no scratch directory is left behind: \(leftovers)")
    }

    @Test func renditionNamesAreTheOnlyFilesServed() throws {
        let library = try self.library
        let stored = try library.store(uploadAt: try sample("x.jpg", width: 500, height: 500))
        let hash = stored.reference.hash
        #expect(library.file(hash: hash, name: "480.jpg") != nil)
        for name in ["size", "../size", "480.jpg/..", "0480.jpg", "480.gif", "480", ".jpg", "480.jpg.bak"] {
            #expect(library.file(hash: hash, name: name) == nil, "\(name)")
        }
        #expect(library.file(hash: "../" + hash.dropFirst(3), name: "480.jpg") == nil)
    }

    /// An APP1 segment with EXIF: an orientation and a GPS latitude, as a phone writes them.
    static func exifSegment(orientation: UInt16) -> [UInt8] {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
        func entry(_ tag: UInt16, _ type: UInt16, _ count: UInt32, _ value: [UInt8]) -> [UInt8] { le16(tag) + le16(type) + le32(count) + value }
        var tiff: [UInt8] = Array("II".utf8) + le16(42) + le32(8)
        tiff += le16(2) + entry(0x0112, 3, 1, le16(orientation) + [0, 0]) + entry(0x8825, 4, 1, le32(38)) + le32(0)
        tiff += le16(2) + entry(0x0001, 2, 2, Array("N".utf8) + [0, 0, 0]) + entry(0x0002, 5, 3, le32(68)) + le32(0)
        tiff += le32(43) + le32(1) + le32(15) + le32(1) + le32(30) + le32(1)
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }
}
