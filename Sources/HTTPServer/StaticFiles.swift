import Foundation

/// Static assets read once at start-up from one directory and served from memory.
///
/// Only regular files found beneath the root when it is loaded can ever be served: a request path is
/// a dictionary key, never a file-system path, so traversal ("..", encoded slashes, symlinks leading
/// out of the root) has nothing to reach.
public struct StaticFiles: Sendable {
    /// One loaded file.
    public struct File: Sendable {
        /// The bytes.
        public let body: [UInt8]
        /// The Content-Type header value.
        public let contentType: String
        /// A strong validator of the bytes.
        public let etag: String
    }

    private let files: [String: File]

    /// Loads every regular file beneath `root`; symlinks that resolve outside it are skipped.
    public init(root: String) throws {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        var loaded: [String: File] = [:]
        guard let walker = FileManager.default.enumerator(at: rootURL, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw StaticFilesError.unreadableRoot(root)
        }
        for case let url as URL in walker {
            let resolved = url.resolvingSymlinksInPath()
            guard resolved.path.hasPrefix(rootPath),
                  (try? resolved.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = FileManager.default.contents(atPath: resolved.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
            guard !relative.isEmpty, !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let body = [UInt8](data)
            loaded[relative] = File(body: body, contentType: StaticFiles.contentType(for: relative),
                                    etag: "\"\(String(StaticFiles.fnv1a(body), radix: 16))\"")
        }
        files = loaded
    }

    /// The file for a path relative to the root ("css/site.css"), if one was loaded.
    public func file(_ relativePath: String) -> File? { files[relativePath] }

    /// How many files were loaded.
    public var count: Int { files.count }

    /// Answers a request for `relativePath`: 200, 304 on a matching If-None-Match, or nil when unknown.
    public func response(for relativePath: String, request: Request) -> Response? {
        guard let file = files[relativePath] else { return nil }
        var headers: [(name: String, value: String)] = [
            ("Content-Type", file.contentType), ("ETag", file.etag), ("Cache-Control", "public, max-age=3600"),
        ]
        if request.header("If-None-Match") == file.etag {
            headers.removeFirst()
            return Response(status: 304, headers: headers)
        }
        headers.append(("X-Content-Type-Options", "nosniff"))
        return Response(status: 200, headers: headers, body: file.body)
    }

    /// The Content-Type for a file name, by extension; text types carry a charset.
    public static func contentType(for name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "json", "webmanifest": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }

    /// FNV-1a 64: a cheap content fingerprint for validators (not a security hash).
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// Why the static root could not be loaded.
public enum StaticFilesError: Error, CustomStringConvertible {
    case unreadableRoot(String)

    public var description: String {
        switch self {
        case .unreadableRoot(let path): return "static: unable to read directory \(path)"
        }
    }
}
