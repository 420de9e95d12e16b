import Foundation

/// Static assets read once at start-up from one directory and served from memory, each prepared
/// once (ETag, gzip form for text types) and sent without a copy.
///
/// Every file answers at its own name ("css/site.css", cached for an hour) and at a name carrying
/// its content hash ("css/site.3f09a1c2b4d5e6f7.css", cached for a year and `immutable`): pages link
/// to the hashed name, so a changed file is a new URL and browsers never revalidate an old one.
///
/// Only regular files found beneath the root when it is loaded can ever be served: a request path is
/// a dictionary key, never a file-system path, so traversal ("..", encoded slashes, symlinks leading
/// out of the root) has nothing to reach.
public struct StaticFiles: Sendable {
    /// Cache-Control for files at their plain names.
    public static let plainCacheControl = "public, max-age=3600"
    /// Cache-Control for files at their content-hashed names.
    public static let hashedCacheControl = "public, max-age=31536000, immutable"

    private let files: [String: Representation]
    private let hashedNames: [String: String]

    /// Loads every regular file beneath `root`; symlinks that resolve outside it are skipped.
    public init(root: String) throws {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        var loaded: [String: Representation] = [:]
        var hashed: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(at: rootURL, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw StaticFilesError.unreadableRoot(root)
        }
        for case let url as URL in walker {
            let resolved = url.resolvingSymlinksInPath()
            guard resolved.path.hasPrefix(rootPath),
                  let values = try? resolved.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey]),
                  values.isRegularFile == true,
                  let data = FileManager.default.contents(atPath: resolved.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
            guard !relative.isEmpty, !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let body = [UInt8](data)
            let modified = values.contentModificationDate.map { Int64($0.timeIntervalSince1970) }
            let type = StaticFiles.contentType(for: relative)
            func prepared(_ cacheControl: String) -> Representation {
                Representation(headers: [("Content-Type", type), ("Cache-Control", cacheControl)], body: body,
                               lastModified: modified, gzipLevel: 9)
            }
            let versioned = StaticFiles.hashedName(relative, ContentHash.hex(body))
            loaded[relative] = prepared(StaticFiles.plainCacheControl)
            loaded[versioned] = prepared(StaticFiles.hashedCacheControl)
            hashed[relative] = versioned
        }
        files = loaded
        hashedNames = hashed
    }

    /// The URL path pages should link to for a file: its content-hashed name under /static/
    /// ("/static/css/site.3f09a1c2b4d5e6f7.css"), or the plain name when the file is unknown.
    public func url(_ relativePath: String) -> String {
        "/static/" + (hashedNames[relativePath] ?? relativePath)
    }

    /// The files' relative paths.
    public var names: [String] { Array(hashedNames.keys) }

    /// How many files were loaded.
    public var count: Int { hashedNames.count }

    /// A file's bytes as loaded (nil when there is none).
    public func contents(of relativePath: String) -> [UInt8]? { files[relativePath].map { Array($0.plain.body) } }

    /// Answers a request for `relativePath`: 200 (gzip when accepted), 304 when the client's
    /// validator matches, or nil when unknown.
    public func response(for relativePath: String, request: Request) -> Response? {
        files[relativePath]?.response(to: request)
    }

    /// "css/site.css" + hash → "css/site.HASH.css" (a name without an extension gets ".HASH").
    static func hashedName(_ relative: String, _ hash: String) -> String {
        let slash = relative.lastIndex(of: "/").map { relative.index(after: $0) } ?? relative.startIndex
        if let dot = relative[slash...].lastIndex(of: "."), dot != slash {
            return String(relative[..<dot]) + "." + hash + String(relative[dot...])
        }
        return relative + "." + hash
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
