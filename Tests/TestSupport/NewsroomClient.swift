import Foundation
import HTTPServer

/// A browser-like client of the newsroom for tests: keeps cookies, sends an Origin, posts forms,
/// reads the form tokens pages carry. One connection per request, as simple as possible.
public final class NewsroomClient {
    public let port: Int
    /// The Origin sent with each POST (nil sends none).
    public var origin: String?
    /// Extra headers on every request.
    public var extraHeaders: [String] = []
    public var source: String?
    public private(set) var cookies: [String: String] = [:]
    /// The last page's form token (the `csrf` hidden field).
    public private(set) var csrf = ""

    public init(port: Int, source: String? = nil) {
        self.port = port
        self.source = source
        origin = "http://127.0.0.1:\(port)"
    }

    /// Sets or removes a cookie by hand (a planted one, an old one).
    public func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    public func get(_ target: String) throws -> RawHTTPConnection.Reply {
        try send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + common() + "\r\n")
    }

    /// Posts fields URL-encoded; `token: true` adds the last page's form token as `csrf`.
    public func post(_ target: String, _ fields: [(String, String)], token: Bool = true) throws -> RawHTTPConnection.Reply {
        var all = fields
        if token { all.insert(("csrf", csrf), at: 0) }
        let body = URLEncodedForm.encode(all.map { (name: $0.0, value: $0.1) })
        var head = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        head += "Content-Length: \(body.utf8.count)\r\n"
        if let origin { head += "Origin: \(origin)\r\n" }
        return try send(head + common() + "\r\n" + body)
    }

    /// Posts fields and files as `multipart/form-data`, the way a browser sends a form with a file
    /// input; `token: true` adds the last page's form token.
    public func postMultipart(_ target: String, _ fields: [(String, String)], files: [(field: String, filename: String, type: String, bytes: [UInt8])],
                              token: Bool = true) throws -> RawHTTPConnection.Reply {
        let boundary = "----HeraldTestBoundary\(UInt64.random(in: 0...UInt64.max))"
        var body: [UInt8] = []
        for (name, value) in (token ? [("csrf", csrf)] : []) + fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var head = "POST \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: multipart/form-data; boundary=\(boundary)\r\n"
        head += "Content-Length: \(body.count)\r\n"
        if let origin { head += "Origin: \(origin)\r\n" }
        return try send(bytes: Array((head + common() + "\r\n").utf8) + body)
    }

    /// Signs in through the form; returns the answer to the POST.
    @discardableResult
    public func signIn(_ name: String, _ password: String, next: String = "/") throws -> RawHTTPConnection.Reply {
        _ = try get("/login")
        return try post("/login", [("name", name), ("password", password), ("next", next)])
    }

    private func common() -> String {
        var text = extraHeaders.map { $0 + "\r\n" }.joined()
        if !cookies.isEmpty { text += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        return text
    }

    private func send(_ raw: String) throws -> RawHTTPConnection.Reply { try send(bytes: Array(raw.utf8)) }

    private func send(bytes: [UInt8]) throws -> RawHTTPConnection.Reply {
        let connection = try RawHTTPConnection(port: port, source: source)
        connection.send(bytes: bytes)
        let reply = try connection.read()
        for value in reply.values("set-cookie") {
            let pair = value.split(separator: ";", maxSplits: 1)[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), cookie = String(pair[pair.index(after: equals)...])
            if value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = cookie }
        }
        if let match = reply.text.firstMatch(of: /name="csrf" value="([^"]*)"/) { csrf = String(match.1) }
        return reply
    }
}
