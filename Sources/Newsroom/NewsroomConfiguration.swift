import Foundation
import HTTPServer
import HeraldAPI

/// The newsroom's settings that are not its server's.
public struct NewsroomConfiguration: Sendable {
    /// The newsroom's own origin when it is served under a known address
    /// ("https://newsroom.example.kz"): forms must come from it, and with https the session
    /// cookie is `__Host-` prefixed and Secure. Empty: the Host header the browser used.
    public var baseURL: String
    /// The interface language ("en", "ru").
    public var language: String
    /// Seconds without a request after which a session ends.
    public var sessionIdleSeconds: Int64
    /// Seconds after sign-in after which a session ends.
    public var sessionAbsoluteSeconds: Int64
    /// Failed sign-ins for one account from one address within `throttleWindow` before that
    /// address is refused (429) for the rest of the window.
    public var throttleFailures: Int
    public var throttleWindowSeconds: Int64
    /// Proxies in front of the newsroom whose `X-Forwarded-For` names the browser (a TLS
    /// terminator); from any other address the header is ignored.
    public var trustedProxies: Set<ClientAddress>
    /// What the ingest API does with an item's picture: copy it into the media library, or link
    /// the agency's URL.
    public var ingestPhotos: IngestPhotoPolicy = .fetch
    /// Whether ingested pictures may be fetched from loopback and private addresses (an
    /// agency system on the newsroom's own network). Off: such URLs are linked, not fetched.
    public var ingestPhotosFromPrivateHosts = false

    /// The defaults: 12 h idle, 7 days absolute, 5 failures in 15 minutes.
    public init(baseURL: String = "", language: String = "en", sessionIdleSeconds: Int64 = 12 * 3600,
                sessionAbsoluteSeconds: Int64 = 7 * 86_400, throttleFailures: Int = 5, throttleWindowSeconds: Int64 = 15 * 60,
                trustedProxies: Set<ClientAddress> = []) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.language = language
        self.sessionIdleSeconds = sessionIdleSeconds
        self.sessionAbsoluteSeconds = sessionAbsoluteSeconds
        self.throttleFailures = throttleFailures
        self.throttleWindowSeconds = throttleWindowSeconds
        self.trustedProxies = trustedProxies
    }

    /// True when the newsroom is served over https (cookies get Secure and the `__Host-` prefix).
    public var isSecure: Bool { baseURL.lowercased().hasPrefix("https://") }

    /// The session cookie's name.
    public var sessionCookie: String { isSecure ? "__Host-herald_session" : "herald_session" }

    /// The sign-in form's cookie (pairs with its form token before there is a session).
    public var signInCookie: String { isSecure ? "__Host-herald_signin" : "herald_signin" }
}
