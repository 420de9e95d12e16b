import Foundation
import HTTPServer
import HeraldAPI
import HeraldCrypto
import HeraldSupport
import Logging
import NewsCore
import NewsStore
import ReaderCache
import ReaderSite
import Templates

/// The signed-in session, attached to the request by `RequireSession`.
enum SessionKey: LocalsKey {
    typealias Value = Session
}

/// What newsroom handlers work with: the editorial, account and session stores, the password
/// hasher and sign-in throttle, the reader site (for previews and the site's editions and
/// sections), the change feed, the strings and the clock.
public struct NewsroomEnvironment: Sendable {
    public let configuration: NewsroomConfiguration
    public let strings: NewsroomStrings
    let database: HeraldDatabase
    let editorial: EditorialRepository
    let users: UserRepository
    let sessions: SessionRepository
    let queries: NewsroomQueries
    let media: MediaRepository
    let site: SiteRepository
    let hasher: PasswordHasher
    let throttle: SignInThrottle
    let reader: ReaderEnvironment
    let feed: ChangeFeed
    /// `POST /api/v1/ingest`.
    let ingest: IngestEndpoint
    let logger: Logger
    let now: @Sendable () -> Date
    let stylesheet: String

    /// Gathers the newsroom's dependencies over a database and the reader site.
    public init(configuration: NewsroomConfiguration, database: HeraldDatabase, reader: ReaderEnvironment, feed: ChangeFeed,
                hasher: PasswordHasher, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.configuration = configuration
        strings = NewsroomStrings.forLanguage(configuration.language)
        self.database = database
        let clock: @Sendable () -> Int64 = { Int64(now().timeIntervalSince1970) }
        editorial = EditorialRepository(database, now: clock)
        users = UserRepository(database, now: clock)
        sessions = SessionRepository(database, idleSeconds: configuration.sessionIdleSeconds,
                                     absoluteSeconds: configuration.sessionAbsoluteSeconds)
        queries = NewsroomQueries(database)
        media = MediaRepository(database, now: clock)
        site = SiteRepository(database, now: clock)
        self.hasher = hasher
        throttle = SignInThrottle(failures: configuration.throttleFailures, window: configuration.throttleWindowSeconds)
        self.reader = reader
        self.feed = feed
        self.logger = logger
        self.now = now
        let proxies = configuration.trustedProxies
        ingest = IngestEndpoint(database: database, now: clock, library: reader.media, photos: configuration.ingestPhotos,
                                privateHosts: configuration.ingestPhotosFromPrivateHosts, logger: logger, written: { feed.catchUp() },
                                address: { request in NewsroomEnvironment.client(request, trustedProxies: proxies).description })
        stylesheet = reader.staticFiles.url("css/newsroom.css")
    }

    /// Unix seconds now.
    var unixNow: Int64 { Int64(now().timeIntervalSince1970) }

    /// The request's session (set by `RequireSession` on every route behind it).
    func session(_ request: Request) -> Session {
        guard let session = request.locals[SessionKey.self] else { preconditionFailure("newsroom: route without RequireSession") }
        return session
    }

    /// The signed-in user as the author of a write from this request.
    func actor(_ request: Request) -> Actor {
        session(request).user.actor(address: client(request).description)
    }

    /// The browser's address: the connection's, or the last `X-Forwarded-For` entry when the
    /// connection comes from a configured trusted proxy (the TLS terminator in front).
    func client(_ request: Request) -> ClientAddress {
        Self.client(request, trustedProxies: configuration.trustedProxies)
    }

    static func client(_ request: Request, trustedProxies: Set<ClientAddress>) -> ClientAddress {
        guard trustedProxies.contains(request.client),
              let forwarded = request.header("x-forwarded-for")?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              let address = ClientAddress(forwarded) else { return request.client }
        return address
    }

    /// The shared page parts for a signed-in page.
    func chrome(_ request: Request, _ title: String, notice: String? = nil, error: Bool = false) -> NewsroomChrome {
        let session = request.locals[SessionKey.self]
        return NewsroomChrome(strings: strings, title: title,
                              user: session.map { NewsroomUserView(name: $0.user.name, displayName: $0.user.displayName,
                                                                   isAdmin: $0.user.role == .admin) },
                              csrf: session?.csrfToken ?? "", stylesheet: stylesheet, notice: notice ?? self.notice(request),
                              noticeIsError: error)
    }

    /// An HTML page, never stored by anything (the router adds no-store to every answer).
    func page(_ html: HTML, status: Int = 200) -> Response {
        Response(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: html.bytes)
    }

    /// 303 to a newsroom path, with a notice code the next page shows (never free text).
    func redirect(_ path: String, notice: String? = nil) -> Response {
        let target = notice.map { path + (path.contains("?") ? "&" : "?") + "done=" + $0 } ?? path
        return Response.redirect(to: target, status: 303)
    }

    /// The message for a `done=` code in the query.
    func notice(_ request: Request) -> String? {
        guard let code = request.queryValue("done") else { return nil }
        switch code {
        case "saved": return strings.savedMessage
        case "published": return strings.publishedMessage
        case "submitted": return strings.submittedMessage
        case "unpublished": return strings.unpublishedMessage
        case "signed-out": return strings.signedOut
        case "signed-out-everywhere": return strings.signedOutEverywhere
        case "user-saved": return strings.userSaved
        case "translated": return strings.stories.translatedMessage
        case "uploaded": return strings.media.uploadedMessage
        case "site-saved": return strings.site.saved
        case "rates-saved": return strings.header.ratesSaved
        case "weather-saved": return strings.header.weatherSaved
        default:
            if code.hasPrefix("restored-"), let number = Int(code.dropFirst(9)) { return strings.restoredMessage(number) }
            if code.hasPrefix("scheduled-"), let time = Int64(code.dropFirst(10)), (0...253_402_300_799).contains(time) {
                return strings.scheduledFor(utcTime(time))
            }
            return nil
        }
    }

    /// The editions a user may work in, as the reader site knows them.
    func editions(for user: User) -> [EditionContext] {
        reader.snapshotForNewsroom.editions.filter { user.role == .admin || user.editions.contains($0.edition.code) }
    }

    /// "2026-11-29 15:00" in an edition's zone (UTC when the edition is unknown).
    func localTime(_ unix: Int64, edition: String) -> String {
        let local = reader.snapshotForNewsroom.byCode[edition].map { $0.local(unix) } ?? LocalDateTime(unix: unix, offsetSeconds: 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(local.year)-\(two(local.month))-\(two(local.day)) \(two(local.hour)):\(two(local.minute))"
    }

    /// "2026-11-29 10:00 UTC".
    func utcTime(_ unix: Int64) -> String {
        let t = LocalDateTime(unix: unix, offsetSeconds: 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)) UTC"
    }

    /// Brings the reader's caches up to date at once after a write (readers see it on their next
    /// request in any case; this also retires the pages before the editor's next click).
    func written() { feed.catchUp() }
}

extension NewsroomEnvironment {
    /// Security headers for every newsroom response: its own policy (no script anywhere, forms
    /// only to itself, never framed), nothing cached, MIME types not sniffed.
    public static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy",
         "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
        ("Permissions-Policy", ReaderEnvironment.permissionsPolicy),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
        ("X-Robots-Tag", "noindex, nofollow"),
    ]
}
