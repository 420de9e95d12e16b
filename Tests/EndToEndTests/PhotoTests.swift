import Foundation
import GRDB
import HeraldSupport
import Media
import NewsCore
import NewsStore
import Testing
import TestSupport

/// Photos over the newsroom's socket: uploaded with the article form and in the library, checked
/// by their bytes, shown to readers as WebP and JPEG `srcset`s, served for a year; hostile files
/// refused beside their field with everything typed kept.
@Suite(.serialized) struct PhotoTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    static func sample(width: Int, height: Int, _ name: String = "photo.jpg") throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "herald-sample-\(UUID().uuidString)-" + name
        defer { try? FileManager.default.removeItem(atPath: path) }
        try MediaLibrary.writeSample(width: width, height: height, to: path)
        return [UInt8](try #require(FileManager.default.contents(atPath: path)))
    }

    static func form(_ title: String, alt: String, action: String = "publish") -> [(String, String)] {
        var fields = NewsroomServer.article(title, action: action)
        fields.removeAll { $0.0 == "caption" || $0.0 == "credit" }
        return fields + [("alt", alt), ("caption", "The new terminal at dawn."), ("credit", "Aruzhan Sadykova")]
    }

    @Test func anUploadedPhotoReachesReadersAsResponsiveRenditions() throws {
        let dana = try server.signedIn("dana")
        _ = try dana.get("/articles/new")
        let photo = try Self.sample(width: 2400, height: 1600)
        let saved = try dana.postMultipart("/articles", Self.form("Astana airport opens a terminal", alt: "A glass terminal under a pale sky"),
                                          files: [("upload", "IMG_2041.JPG", "image/jpeg", photo)])
        #expect(saved.status == 303, "\(saved.status) \(saved.text.prefix(400))")
        let id = try #require(NewsroomServer.id(saved))
        let stored = try #require(try server.database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT photo FROM articles WHERE id = ?", arguments: [id])
        })
        let reference = try #require(MediaReference(stored))
        #expect(reference.width == 2400 && reference.height == 1600)
        let hash = reference.hash
        let page = try server.reader("/en/news/politics/\(id)-astana-airport-opens-a-terminal").text
        #expect(page.contains("<source type=\"image/webp\" srcset=\"/media/\(hash)/480.webp 480w, /media/\(hash)/960.webp 960w, /media/\(hash)/1600.webp 1600w\""))
        #expect(page.contains("src=\"/media/\(hash)/960.jpg\" srcset=\"/media/\(hash)/480.jpg 480w, /media/\(hash)/960.jpg 960w, /media/\(hash)/1600.jpg 1600w\""))
        #expect(page.contains("alt=\"A glass terminal under a pale sky\" width=\"1600\" height=\"1067\""), "its own size: no layout shift")
        #expect(page.contains("<meta property=\"og:image\" content=\"http://127.0.0.1:8080/media/\(hash)/1600.jpg\">")
                || page.contains("/media/\(hash)/1600.jpg\">"))
        #expect(page.contains("<meta property=\"og:image:width\" content=\"1600\">"))
        let data = page.replacingOccurrences(of: "\\/", with: "/")
        #expect(data.contains("ImageObject") && data.contains("/media/\(hash)/1600.jpg\",\"width\":1600,\"height\":1067"),
                "NewsArticle's image is the largest rendition: \(data.components(separatedBy: "ImageObject").dropFirst().first?.prefix(160) ?? "")")

        // The renditions, served for a year; the reference itself leads to the largest.
        let webp = try server.reader("/media/\(hash)/960.webp")
        #expect(webp.status == 200 && webp.headers["content-type"] == "image/webp")
        #expect(webp.headers["cache-control"] == "public, max-age=31536000, immutable")
        let webpSize = try #require(ImageSize.of(webp.body))
        #expect(webpSize.width == 960 && webpSize.height == 640)
        let jpeg = try server.reader("/media/\(hash)/480.jpg")
        #expect(jpeg.status == 200 && jpeg.headers["content-type"] == "image/jpeg" && jpeg.body.starts(with: [0xFF, 0xD8]))
        let moved = try server.reader("/media/\(hash)/2400x1600")
        #expect(moved.status == 301 && moved.headers["location"] == "/media/\(hash)/1600.jpg")
        for path in ["/media/\(hash)/2400.jpg", "/media/\(hash)/size", "/media/\(hash)/..%2Fsize", "/media/abc/480.jpg", "/media/\(hash)/480.gif"] {
            #expect(try server.reader(path).status == 404, "\(path)")
        }

        // The same photo for the Russian edition's article: stored once, described in Russian.
        let olga = try server.signedIn("olga")
        var russian = Self.form("Аэропорт Астаны открыл терминал", alt: "Стеклянный терминал под бледным небом")
        russian[russian.firstIndex { $0.0 == "edition" }!].1 = "ru"
        _ = try olga.get("/articles/new")
        #expect(try olga.postMultipart("/articles", russian, files: [("upload", "same.jpg", "image/jpeg", photo)]).status == 303)
        #expect(try server.count("SELECT COUNT(*) FROM media") == 1, "identical uploads are stored once")
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE photo = '\(reference.path)'") == 2)
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE photo_alt = 'Стеклянный терминал под бледным небом'") == 1)
    }

    @Test func hostileFilesAreRefusedBesideTheFieldWithEverythingTypedKept() throws {
        let dana = try server.signedIn("dana")
        _ = try dana.get("/articles/new")
        let whole = try Self.sample(width: 1200, height: 800)
        let cases: [(String, String, [UInt8], String)] = [
            ("page.jpg", "image/jpeg", Array("<!DOCTYPE html><script>alert(1)</script>".utf8), "is not a JPEG, PNG or WebP photo"),
            ("logo.svg", "image/svg+xml", Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8),
             "is not a JPEG, PNG or WebP photo"),
            ("half.jpg", "image/jpeg", Array(whole.prefix(whole.count / 2)), "damaged or incomplete"),
            ("bomb.png", "image/png", HostileFiles.pngHeader(width: 30_000, height: 30_000), "30000 × 30000 pixels"),
            ("huge.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 7, count: MediaLibrary.maxBytes), "larger than 20 MB"),
        ]
        for (name, type, bytes, message) in cases {
            let refused = try dana.postMultipart("/articles", Self.form("A story typed with care", alt: "Described"),
                                                 files: [("upload", name, type, bytes)])
            #expect(refused.status == 422, "\(name): \(refused.status)")
            #expect(refused.text.contains(message), "\(name): \(message)")
            #expect(refused.text.contains("value=\"A story typed with care\""), "\(name): the headline is kept")
            #expect(refused.text.contains("id=\"e-upload\""), "\(name): the message is beside the upload field")
        }
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title = 'A story typed with care'") == 0)
        #expect(try server.count("SELECT COUNT(*) FROM media") == 0, "nothing stored")

        // A good photo without a description: kept (its reference in the field), the description asked for.
        let undescribed = try dana.postMultipart("/articles", Self.form("A story typed with care", alt: ""),
                                                 files: [("upload", "good.jpg", "image/jpeg", whole)])
        #expect(undescribed.status == 422 && undescribed.text.contains("id=\"e-alt\""))
        #expect(undescribed.text.contains("name=\"photo\" type=\"text\" value=\"/media/"), "the upload is not lost")
        #expect(try server.count("SELECT COUNT(*) FROM media") == 1)
        // Without the form token: refused, nothing written.
        let forged = try dana.postMultipart("/articles", Self.form("Forged", alt: "x"), files: [("upload", "good.jpg", "image/jpeg", whole)],
                                            token: false)
        #expect(forged.status == 403)
    }

    @Test func theLibraryTakesUploadsAndOffersThemToArticles() throws {
        let admin = try server.signedIn("admin")
        _ = try admin.get("/media")
        let photo = try Self.sample(width: 800, height: 600, "steppe.png")
        let missing = try admin.postMultipart("/media", [("alt", ""), ("caption", "Steppe in May")],
                                              files: [("file", "steppe.png", "image/png", photo)])
        #expect(missing.status == 422 && missing.text.contains("id=\"e-alt\"") && missing.text.contains("value=\"Steppe in May\""))
        let added = try admin.postMultipart("/media", [("alt", "Green steppe under low clouds"), ("caption", "Steppe in May"), ("credit", "Herald")],
                                            files: [("file", "steppe.png", "image/png", photo)])
        #expect(added.status == 303)
        let library = try admin.get("/media").text
        #expect(library.contains("Green steppe under low clouds") && library.contains("800 × 600"))
        let reference = try #require(library.firstMatch(of: /value="(\/media\/[0-9a-f]{64}\/800x600)"/)).1
        let use = try #require(library.firstMatch(of: /href="(\/articles\/new\?[^"]+)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
        let form = try admin.get(use).text
        #expect(form.contains("value=\"\(reference)\"") && form.contains("value=\"Green steppe under low clouds\""))
        #expect(try admin.postMultipart("/media", [("alt", "x")], files: []).status == 422, "no file")
        #expect(try admin.post("/media", [("alt", "x")]).status == 422, "a form without a file")
    }

    @Test func mediaCheckFindsMissingFilesAndPhotosNoArticleUses() throws {
        let dana = try server.signedIn("dana")
        _ = try dana.get("/articles/new")
        let saved = try dana.postMultipart("/articles", Self.form("Rail link opens", alt: "A train at a platform", action: "save"),
                                          files: [("upload", "train.jpg", "image/jpeg", try Self.sample(width: 1000, height: 700))])
        let id = try #require(NewsroomServer.id(saved))
        let arguments = ["media", "check", "--db", server.databasePath, "--migrations", Fixtures.root + "/migrations"]
        let clean = try Herald.runBare(arguments, environment: [:])
        #expect(clean.0 == 0 && clean.1.contains("1 photos used by articles, 0 with files missing, 0 stored and unused"), "\(clean)")
        // A photo in the library that no article uses, and a rendition lost from disk.
        _ = try dana.get("/media")
        #expect(try dana.postMultipart("/media", [("alt", "Unused")], files: [("file", "u.png", "image/png", try Self.sample(width: 300, height: 300, "u.png"))]).status == 303)
        let photo = try #require(try server.database.pool.read { db in try String.fetchOne(db, sql: "SELECT photo FROM articles WHERE id = ?", arguments: [id]) })
        let hash = try #require(MediaReference(photo)).hash
        let media = (server.databasePath as NSString).deletingLastPathComponent + "/media"
        try FileManager.default.removeItem(atPath: "\(media)/\(hash.prefix(2))/\(hash)/960.webp")
        let broken = try Herald.runBare(arguments, environment: [:])
        #expect(broken.0 == 1)
        #expect(broken.1.contains("missing: \(photo) (960.webp) used by article \(id)"))
        #expect(broken.1.contains("unused: /media/") && broken.1.contains("1 stored and unused"))
    }
}
