import Foundation
import Integrations
import Logging
import Media
import NewsCore
import NewsStore

/// What the ingest API does with an item's picture.
public enum IngestPhotoPolicy: String, Sendable, CaseIterable {
    /// Fetch it and store it in the media library (renditions, WebP, served by Herald); when that
    /// fails the agency's URL is linked and the answer says why.
    case fetch
    /// Link the agency's URL (the reader pages allow https images).
    case link
}

/// What became of an item's picture.
public struct IngestedPhoto: Sendable, Equatable {
    /// The agency's URL.
    public var source: String
    /// What the article shows: a media library path, or the agency's URL.
    public var url: String
    /// True when it is in the media library.
    public var stored: Bool
    /// Why it is linked instead of stored (nil when stored, or when linking is the policy).
    public var problem: String?
}

/// Fetches an ingested picture into the media library, as an upload would be stored.
struct PhotoImport: Sendable {
    let library: MediaLibrary?
    let media: MediaRepository
    let client: SourceClient
    let policy: IngestPhotoPolicy
    let privateHosts: Bool
    let logger: Logger

    /// The picture fetched and stored (its path), or linked with the reason.
    func bring(_ photo: NinjsItem.Photo, by actor: Actor) -> IngestedPhoto {
        var result = IngestedPhoto(source: photo.url, url: photo.url, stored: false, problem: nil)
        guard policy == .fetch else { return result }
        guard let library else { result.problem = "there is no media directory"; return result }
        guard let url = URL(string: photo.url), let host = url.host else { result.problem = "its URL cannot be fetched"; return result }
        if !privateHosts, Self.isPrivate(host: host) {
            result.problem = "its host \(host) is a private address (serve --ingest-photos-from-private-hosts allows it)"
            return result
        }
        let temporary = NSTemporaryDirectory() + "herald-ingest-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            let bytes = try client.get(url)
            try bytes.write(to: URL(fileURLWithPath: temporary))
            let stored = try library.store(uploadAt: temporary)
            if stored.isNew {
                _ = try media.add(stored.reference, format: stored.format, bytes: stored.bytes, alt: photo.alt ?? "",
                                  caption: photo.caption ?? "", credit: photo.credit ?? "", by: actor)
            }
            result.url = stored.reference.path
            result.stored = true
        } catch let error as SourceError {
            result.problem = "it could not be fetched: \(error.description)"
        } catch let error as MediaError {
            result.problem = "it is not a photo Herald can store: \(error.description)"
        } catch {
            result.problem = "it could not be stored"
            logger.error("ingest: storing the picture \(photo.url) failed: \(error)")
        }
        if let problem = result.problem { logger.warning("ingest: picture \(photo.url) linked, not stored: \(problem)") }
        return result
    }

    /// Loopback, private, link-local and unspecified addresses, and `localhost`: not fetched
    /// on an agency's word unless the operator allows it (they are the newsroom's own network).
    static func isPrivate(host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name.hasSuffix(".localhost") || name.hasSuffix(".local") || name.hasSuffix(".internal") { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            let b = withUnsafeBytes(of: v4.s_addr) { Array($0) }
            return b[0] == 127 || b[0] == 10 || b[0] == 0 || (b[0] == 172 && (16...31).contains(b[1])) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (64...127).contains(b[1]))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            let b = withUnsafeBytes(of: v6) { Array($0) }
            let loopback = b[0..<15].allSatisfy { $0 == 0 } && (b[15] == 1 || b[15] == 0)
            let mapped = b[0..<10].allSatisfy { $0 == 0 } && b[10] == 0xFF && b[11] == 0xFF
            return loopback || (b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)
                || (mapped && isPrivate(host: "\(b[12]).\(b[13]).\(b[14]).\(b[15])"))
        }
        return false
    }
}
