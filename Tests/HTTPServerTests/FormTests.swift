import Foundation
import Testing
@testable import HTTPServer

@Suite struct URLEncodedFormTests {
    @Test func decodesFieldsWithLineBreaksAndKeepsTheirOrder() throws {
        let body = Array("title=Astana+%C2%AB%D1%82%D0%B5%D1%81%D1%82%C2%BB&body=One%0D%0ATwo%0D%0A%0D%0A%09Three%0DFour&tags=a&tags=b&empty=&flag".utf8)
        let fields = try URLEncodedForm.decode(body).get()
        let form = FormData(fields: fields)
        #expect(form.value("title") == "Astana «тест»")
        #expect(form.value("body") == "One\nTwo\n\n\tThree\nFour", "CR LF and lone CR become LF, tabs stay")
        #expect(form.values("tags") == ["a", "b"])
        #expect(form.value("empty") == "")
        #expect(form.value("flag") == "")
        #expect(fields.map(\.name) == ["title", "body", "tags", "tags", "empty", "flag"])
    }

    @Test(arguments: [("a=%00", FormError.controlCharacter), ("a=%07", .controlCharacter), ("a=%7F", .controlCharacter),
                      ("a=%zz", .badEncoding), ("a=%4", .badEncoding), ("a=%ff", .invalidUTF8), ("%0b=x", .controlCharacter)])
    func refusesWhatIsNotText(_ body: String, _ error: FormError) {
        switch URLEncodedForm.decode(Array(body.utf8)) {
        case .success(let fields): Issue.record("accepted \(body) as \(fields)")
        case .failure(let failure): #expect(failure == error)
        }
    }

    @Test func encodesLikeABrowser() throws {
        let fields = [("title", "Қазақ тілі & co"), ("body", "a\nb")]
        let encoded = URLEncodedForm.encode(fields)
        #expect(!encoded.contains(" ") && !encoded.contains("\n"))
        let back = try URLEncodedForm.decode(Array(encoded.utf8)).get()
        #expect(back.map(\.value) == ["Қазақ тілі & co", "a\nb"])
    }
}

@Suite struct MultipartReaderTests {
    static let boundary = "----herald7MA4YWxkTrZu0gW"

    static func body(fileBytes: [UInt8]) -> [UInt8] {
        var out = Array("preamble to ignore\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nLine one\r\nLine two\r\n".utf8)
        out += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"C:\\\\Users\\\\me\\\\photo \\\"1\\\".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".utf8)
        out += fileBytes
        out += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nА тут – по-русски\r\n--\(boundary)--\r\nepilogue".utf8)
        return out
    }

    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "multipart-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Fields and a file come out the same however the body is cut into chunks, including cuts
    /// inside a boundary; the file is on disk until the reader removes it.
    @Test func readsFieldsAndStreamsFilesWhateverTheChunking() throws {
        // Bytes that look like the start of a boundary inside the file must survive.
        let fileBytes = Array((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }) + Array("\r\n--\(Self.boundary.dropLast())x".utf8) + [0, 13, 10]
        let body = Self.body(fileBytes: fileBytes)
        let directory = try Self.directory()
        for chunk in [1, 2, 7, 64, 1000, body.count] {
            let reader = try #require(MultipartReader(contentType: "multipart/form-data; boundary=\"\(Self.boundary)\"", directory: directory))
            var offset = 0
            while offset < body.count {
                let end = min(body.count, offset + chunk)
                try body[offset..<end].withUnsafeBytes { try reader.feed($0) }
                offset = end
            }
            let form = try reader.finish()
            #expect(form.value("caption") == "Line one\nLine two", "chunk \(chunk)")
            #expect(form.value("alt") == "А тут – по-русски")
            let file = try #require(form.file("photo"))
            #expect(file.filename == "photo \"1\".jpg", "only the last path component")
            #expect(file.declaredType == "image/jpeg")
            #expect(file.size == fileBytes.count)
            #expect(FileManager.default.contents(atPath: file.path).map { [UInt8]($0) } == fileBytes, "chunk \(chunk)")
            reader.removeFiles()
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test func refusesMalformedBodies() throws {
        let directory = try Self.directory()
        #expect(MultipartReader(contentType: "multipart/form-data", directory: directory) == nil, "no boundary")
        #expect(MultipartReader(contentType: "text/plain; boundary=x", directory: directory) == nil)
        let cases: [(String, FormError)] = [
            ("--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--", .malformedMultipart("a part has no form-data name")),
            ("--b\r\nNo colon here\r\n\r\nx\r\n--b--", .malformedMultipart("a part header is malformed")),
            ("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\u{1}\r\n--b--", .controlCharacter),
        ]
        for (text, expected) in cases {
            let reader = try #require(MultipartReader(contentType: "multipart/form-data; boundary=b", directory: directory))
            #expect(throws: expected) { try Array(text.utf8).withUnsafeBytes { try reader.feed($0) } }
        }
        let truncated = try #require(MultipartReader(contentType: "multipart/form-data; boundary=b", directory: directory))
        try Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunfinished".utf8).withUnsafeBytes { try truncated.feed($0) }
        #expect(throws: FormError.self) { try truncated.finish() }
    }

    @Test func aFieldOverItsLimitIsRefused() throws {
        var limits = MultipartReader.Limits()
        limits.fieldBytes = 10
        let reader = try #require(MultipartReader(contentType: "multipart/form-data; boundary=b", directory: try Self.directory(), limits: limits))
        let text = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + String(repeating: "x", count: 100) + "\r\n--b--"
        #expect(throws: FormError.tooLarge) { try Array(text.utf8).withUnsafeBytes { try reader.feed($0) } }
    }
}

@Suite struct CookieTests {
    @Test func readsTheNamedCookie() {
        let header = "theme=dark; __Host-herald_session=abc123; other=\"quoted\""
        #expect(Cookies.value("__Host-herald_session", in: header) == "abc123")
        #expect(Cookies.value("other", in: header) == "quoted")
        #expect(Cookies.value("herald_session", in: header) == nil, "names match exactly")
        #expect(Cookies.value("theme", in: nil) == nil)
        let request = Request(target: "/", headers: [("Cookie", header)])!
        #expect(request.cookie("theme") == "dark")
    }

    @Test func setCookieCarriesItsAttributes() {
        let cookie = SetCookie(name: "__Host-s", value: "t0k3n", maxAge: 3600, secure: true, sameSite: .lax)
        #expect(cookie.headerValue == "__Host-s=t0k3n; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax")
        var response = Response.text("ok")
        response.setCookie(SetCookie(name: "s", value: "", maxAge: 0))
        #expect(response.header("Set-Cookie") == "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
    }
}

@Suite struct ClientAddressTests {
    @Test func formatsBothFamilies() {
        #expect(ClientAddress.loopback.description == "127.0.0.1")
        #expect(ClientAddress(ipv4: (203, 0, 113, 5)).description == "203.0.113.5")
        var v6 = sockaddr_in6()
        v6.sin6_family = sa_family_t(AF_INET6)
        _ = inet_pton(AF_INET6, "2001:db8::1", &v6.sin6_addr)
        let address = withUnsafePointer(to: &v6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ClientAddress($0) } }
        #expect(address?.description == "2001:db8::1")
        #expect(address?.isIPv4 == false)
        #expect(ClientAddress(ipv4: (10, 0, 0, 1)) != ClientAddress(ipv4: (10, 0, 0, 2)))
    }
}
