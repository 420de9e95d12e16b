import Foundation
import GRDB
import HTTPServer
import HeraldApp
import HeraldCrypto
import NewsCore
import NewsStore
import Newsroom
import ReaderSite
import Synchronization
import Testing
import TestSupport

/// The whole application with the newsroom on its own port, a clock tests can move, and users of
/// each role in `en` (and one in `ru`).
final class NewsroomServer: Sendable {
    final class Clock: Sendable {
        let seconds = Atomic<Int64>(1_795_946_400)
        var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds.load(ordering: .relaxed))) }
        func advance(_ by: Int64) { seconds.add(by, ordering: .relaxed) }
    }

    let app: Application
    let clock = Clock()
    let adminPassword: String
    /// The database file (the media directory is beside it).
    let databasePath: String
    static let password = "correct horse battery staple"
    var port: Int { app.newsroomServer!.port }
    var readerPort: Int { app.readerServer.port }
    var database: HeraldDatabase { app.database }

    init(newsroom: NewsroomConfiguration = NewsroomConfiguration(), jobs: Bool = false,
         site: SiteConfiguration = SiteConfigurationForTests.cached) throws {
        databasePath = try Fixtures.demoDatabase().path
        var configuration = Fixtures.configuration(databasePath, site: site)
        configuration.newsroomServer = ServerConfiguration(port: 0, maxBodyBytes: NewsroomEnvironment.bodyLimit)
        configuration.newsroom = newsroom
        configuration.runsJobs = jobs
        let clock = self.clock
        app = try buildApplication(configuration, logger: Fixtures.logger, now: { clock.date })
        adminPassword = try #require(app.initialAdminPassword)
        let users = UserRepository(app.database)
        let hasher = PasswordHasher(parameters: .init(opsLimit: 1, memLimit: 8 << 20))
        let hash = try hasher.hash(Self.password)
        try users.add(name: "dana", displayName: "Dana Ospanova", role: .editor, editions: ["en"], passwordHash: hash, by: .system("test"))
        try users.add(name: "arman", displayName: "Arman Bekov", role: .author, editions: ["en"], passwordHash: hash, by: .system("test"))
        try users.add(name: "olga", displayName: "Olga Kim", role: .editor, editions: ["ru"], passwordHash: hash, by: .system("test"))
        try app.start()
    }

    deinit { app.stop() }

    func client(source: String? = nil) -> NewsroomClient { NewsroomClient(port: port, source: source) }

    /// A signed-in client.
    func signedIn(_ name: String, source: String? = nil) throws -> NewsroomClient {
        let client = client(source: source)
        let reply = try client.signIn(name, name == "admin" ? adminPassword : Self.password)
        try #require(reply.status == 303, "sign-in of \(name): \(reply.status) \(reply.text.prefix(300))")
        _ = try client.get("/")
        return client
    }

    /// The article form's fields for a new English article.
    static func article(_ title: String, body: String = "A first paragraph.\n\nA second one.", edition: String = "en",
                        action: String = "save") -> [(String, String)] {
        [("edition", edition), ("section", "news/politics"), ("title", title), ("slug", ""), ("story", ""), ("dateline", "ASTANA"),
         ("lead", "The lead of \(title)."), ("body", body), ("tags", "parliament"), ("bylines", "Dana Ospanova"), ("photo", ""),
         ("caption", ""), ("credit", ""), ("published", ""), ("revision", ""), ("action", action)]
    }

    func count(_ sql: String) throws -> Int { try database.pool.read { db in try Int.fetchOne(db, sql: sql) ?? 0 } }

    /// The id in a `/articles/ID…` location.
    static func id(_ reply: RawHTTPConnection.Reply) -> Int64? {
        reply.headers["location"].flatMap { $0.firstMatch(of: /\/articles\/([0-9]+)/) }.flatMap { Int64($0.1) }
    }

    /// A page from the reader server.
    func reader(_ path: String) throws -> RawHTTPConnection.Reply { try RawHTTPConnection(port: readerPort).get(path) }
}

/// The page cache on, so the tests see what a write retires.
enum SiteConfigurationForTests {
    static var cached: SiteConfiguration { SiteConfiguration(refreshInterval: 0, pageCacheBytes: 8 << 20) }
}

@Suite(.serialized) struct NewsroomSignInTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    @Test func signInSetsAFreshSessionCookieWithItsFlags() throws {
        let client = server.client()
        client.setCookie("herald_session", "planted-by-an-attacker")
        let reply = try client.signIn("dana", NewsroomServer.password)
        #expect(reply.status == 303)
        let cookie = try #require(reply.values("set-cookie").first { $0.hasPrefix("herald_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"), "plain http: no Secure flag")
        let first = try #require(client.cookies["herald_session"])
        #expect(first != "planted-by-an-attacker" && first.count >= 43, "a new 256-bit token, never the one sent")
        #expect(try client.get("/").status == 200)
        // The same browser signs in again while its session is live: a new token, the old one ended.
        let browser = server.client()
        _ = try browser.get("/login")
        browser.setCookie("herald_session", first)
        let again = try browser.post("/login", [("name", "dana"), ("password", NewsroomServer.password)])
        #expect(again.status == 303)
        #expect(browser.cookies["herald_session"] != first, "every sign-in gets a new token")
        let stale = server.client()
        stale.setCookie("herald_session", first)
        #expect(try stale.get("/").status == 303, "the replaced session is gone")
        let stored = try server.database.pool.read { db in try Data.fetchAll(db, sql: "SELECT token_hash FROM sessions") }
        let upgraded = try #require(try UserRepository(server.database).find(name: "dana")).1
        #expect(upgraded.hasPrefix("$argon2id$") && !upgraded.contains("m=8192,t=1"), "the weak test hash was upgraded at sign-in")
        let live = try #require(browser.cookies["herald_session"])
        #expect(!stored.contains(Data(live.utf8)), "tokens are stored hashed")
        #expect(stored == [Data(Tokens.sha256(live))])
    }

    @Test func httpsMakesTheCookieSecureAndHostPrefixed() throws {
        let secure = try NewsroomServer(newsroom: NewsroomConfiguration(baseURL: "https://newsroom.example.kz"))
        let client = secure.client()
        client.origin = "https://newsroom.example.kz"
        let reply = try client.signIn("dana", NewsroomServer.password)
        #expect(reply.status == 303)
        let cookie = try #require(reply.values("set-cookie").first { $0.hasPrefix("__Host-herald_session=") })
        #expect(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"))
        client.origin = "http://127.0.0.1:\(secure.port)"
        _ = try client.get("/")
        #expect(try client.post("/articles", NewsroomServer.article("x")).status == 403, "only the configured origin")
    }

    @Test func aWrongPasswordOrNameSaysNeitherAndIsThrottled() throws {
        let client = server.client()
        let wrongPassword = try client.signIn("dana", "not the password at all")
        let wrongName = try client.signIn("nobody-here", "not the password at all")
        #expect(wrongPassword.status == 401 && wrongName.status == 401)
        #expect(wrongPassword.text.contains("The name or password is not right."))
        #expect(wrongName.text.contains("The name or password is not right."))
        for _ in 0..<4 { _ = try client.signIn("dana", "wrong again, still wrong") }
        let refused = try client.signIn("dana", NewsroomServer.password)
        #expect(refused.status == 429, "the right password is refused too once throttled")
        let wait = Int(refused.headers["retry-after"] ?? "") ?? 0
        #expect(wait > 0 && wait <= 15 * 60)
        #expect(try server.client(source: "127.0.0.2").signIn("dana", NewsroomServer.password).status == 303, "other addresses may")
        // Behind a trusted proxy the browser's address is the one it forwards.
        let proxied = try NewsroomServer(newsroom: NewsroomConfiguration(trustedProxies: [ClientAddress.loopback]))
        let first = proxied.client()
        first.extraHeaders = ["X-Forwarded-For: 198.51.100.7"]
        for _ in 0..<5 { _ = try first.signIn("dana", "wrong, wrong, wrong") }
        #expect(try first.signIn("dana", NewsroomServer.password).status == 429)
        let other = proxied.client()
        other.extraHeaders = ["X-Forwarded-For: 198.51.100.8"]
        #expect(try other.signIn("dana", NewsroomServer.password).status == 303, "another browser behind the same proxy may")
        #expect(try proxied.count("SELECT COUNT(*) FROM audit_log WHERE address = '198.51.100.7'") == 5)
        server.clock.advance(15 * 60 + 1)
        #expect(try client.signIn("dana", NewsroomServer.password).status == 303, "after the window")
        #expect(try server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'session.sign_in_failed'") == 6)
    }

    @Test func aSignInFormFromElsewhereIsRefused() throws {
        let client = server.client()
        _ = try client.get("/login")
        client.origin = "https://evil.example"
        #expect(try client.post("/login", [("name", "dana"), ("password", NewsroomServer.password)]).status == 403)
        client.origin = "http://127.0.0.1:\(server.port)"
        #expect(try client.post("/login", [("name", "dana"), ("password", NewsroomServer.password)], token: false).status == 403,
                "no form token")
    }

    @Test func signingOutEndsTheSessionAndEverywhereEndsThemAll() throws {
        let laptop = try server.signedIn("dana")
        let phone = try server.signedIn("dana", source: "127.0.0.3")
        let oldCookie = try #require(laptop.cookies["herald_session"])
        #expect(try laptop.post("/logout", []).status == 303)
        let replay = server.client()
        replay.setCookie("herald_session", oldCookie)
        #expect(try replay.get("/").status == 303, "a signed-out token is refused")
        #expect(try phone.get("/").status == 200)
        let tablet = try server.signedIn("dana", source: "127.0.0.4")
        #expect(try tablet.post("/logout/everywhere", []).status == 303)
        #expect(try phone.get("/").status == 303)
        #expect(try server.count("SELECT COUNT(*) FROM sessions") == 0)
    }

    @Test func sessionsExpireWhenIdleAndAfterAWeek() throws {
        let client = try server.signedIn("dana")
        server.clock.advance(11 * 3600)
        #expect(try client.get("/").status == 200)
        server.clock.advance(11 * 3600)
        #expect(try client.get("/").status == 200, "each request renews the idle time")
        server.clock.advance(12 * 3600 + 61)
        #expect(try client.get("/").headers["location"]?.hasPrefix("/login") == true, "12 h idle")
        let week = try server.signedIn("dana")
        for _ in 0..<16 {
            server.clock.advance(11 * 3600)
            _ = try week.get("/")
        }
        #expect(try week.get("/").status == 303, "7 days after sign-in whatever happens")
    }

    @Test func anArticleTypedWhenTheSessionEndedIsKeptThroughTheSignIn() throws {
        let client = try server.signedIn("dana")
        server.clock.advance(13 * 3600)
        let typed = NewsroomServer.article("Typed while the session ended", body: "Every word of this must survive.")
        let page = try client.post("/articles", typed)
        #expect(page.status == 401)
        #expect(page.text.contains("Every word of this must survive."))
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title LIKE 'Typed while%'") == 0)
        let fields = page.text.matches(of: /<input type="hidden" name="(resume\.[a-z]+)" value="([^"]*)">/).map {
            (String($0.1), String($0.2).replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#39;", with: "'"))
        }
        let next = try #require(page.text.firstMatch(of: /name="next" value="([^"]*)"/)).1
        let signedIn = try client.post("/login", [("name", "dana"), ("password", NewsroomServer.password), ("next", String(next))] + fields)
        #expect(signedIn.status == 200)
        #expect(signedIn.text.contains("Typed while the session ended"))
        #expect(signedIn.text.contains("Every word of this must survive."))
        let saved = try client.post("/articles", typed)
        #expect(saved.status == 303, "saved with the new session's token")
    }
}

@Suite(.serialized) struct NewsroomRefusalTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    @Test func stateChangesNeedTheFormTokenAndTheNewsroomsOrigin() throws {
        let client = try server.signedIn("dana")
        let before = try server.count("SELECT COUNT(*) FROM articles")
        let good = client.csrf
        #expect(try client.post("/articles", NewsroomServer.article("No token"), token: false).status == 403)
        #expect(try client.post("/articles", [("csrf", "forged")] + NewsroomServer.article("Wrong token"), token: false).status == 403)
        client.origin = "https://evil.example"
        #expect(try client.post("/articles", [("csrf", good)] + NewsroomServer.article("Foreign origin"), token: false).status == 403)
        client.origin = nil
        #expect(try client.post("/articles", [("csrf", good)] + NewsroomServer.article("No origin"), token: false).status == 403)
        #expect(try server.count("SELECT COUNT(*) FROM articles") == before, "nothing was written")
        client.extraHeaders = ["Sec-Fetch-Site: same-origin"]
        #expect(try client.post("/articles", [("csrf", good)] + NewsroomServer.article("Same site"), token: false).status == 303)
    }

    @Test func anAuthorCannotPublishAndAnEditorStaysInTheirEditions() throws {
        let author = try server.signedIn("arman")
        let form = try author.get("/articles/new")
        #expect(!form.text.contains("value=\"publish\""), "no Publish button for authors")
        let tried = try author.post("/articles", NewsroomServer.article("An author tries to publish", action: "publish"))
        #expect(tried.status == 403)
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title = 'An author tries to publish' AND status = 'published'") == 0)
        let submitted = try author.post("/articles", NewsroomServer.article("An author submits", action: "submit"))
        #expect(submitted.status == 303)
        let id = try #require(NewsroomServer.id(submitted))
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE id = \(id) AND state = 'review'") == 1)

        let russian = try server.database.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM articles WHERE edition_code = 'ru' LIMIT 1") }!
        let editor = try server.signedIn("dana")
        #expect(try editor.get("/articles/\(russian)").status == 403)
        #expect(try editor.post("/articles/\(russian)", NewsroomServer.article("Hijack", edition: "ru")).status == 403)
        #expect(try editor.post("/articles", NewsroomServer.article("Into ru", edition: "ru")).status == 422)
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title IN ('Hijack', 'Into ru')") == 0)
        #expect(try editor.get("/users").status == 403, "users are for admins")
        #expect(try editor.get("/audit").status == 403)

        // The author's changes to a live article go to an editor through review.
        let live = try #require(NewsroomServer.id(try editor.post("/articles", NewsroomServer.article("Live before review", action: "publish"))))
        let opened = try author.get("/articles/\(live)")
        #expect(opened.text.contains("value=\"submit\" class=\"primary\">Submit changes for review</button>"))
        let revision = try #require(opened.text.firstMatch(of: /name="revision" value="(\d+)"/)?.1)
        let sent = try author.post("/articles/\(live)", [("revision", String(revision))]
            + NewsroomServer.article("Live after review", action: "submit").filter { $0.0 != "revision" })
        #expect(sent.status == 303)
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE id = \(live) AND title = 'Live before review' AND state = 'published'") == 1,
                "readers keep the live version")
        let waiting = try author.get("/articles/\(live)").text
        #expect(waiting.contains("wait for an editor&#39;s review") && !waiting.contains(">Submit changes for review<"))
        let dashboard = try editor.get("/").text
        #expect(dashboard.contains("Live after review") && dashboard.contains("changes waiting for review"))
    }

    @Test func hostileTextIsEscapedInTheNewsroomsLists() throws {
        let client = try server.signedIn("dana")
        let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        #expect(try client.post("/articles", NewsroomServer.article(evil)).status == 303)
        for path in ["/articles", "/", "/articles?q=script"] {
            let page = try client.get(path).text
            #expect(!page.contains("<script>alert"), "\(path)")
            #expect(!page.contains("<img src=x"), "\(path)")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
        }
    }

    /// An old form token with the right origin (signed in again in another tab): the article form
    /// comes back unsaved, with everything typed and the current token.
    @Test func aStaleFormTokenKeepsWhatWasTyped() throws {
        let client = try server.signedIn("dana")
        let typed = NewsroomServer.article("Typed under an old token", body: "Not a word of this may be lost.")
        let answer = try client.post("/articles", [("csrf", "a token from an earlier session")] + typed, token: false)
        #expect(answer.status == 403)
        #expect(answer.text.contains("Not a word of this may be lost."))
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title = 'Typed under an old token'") == 0)
        #expect(try client.post("/articles", typed).status == 303, "the page carried the current token")
    }

    @Test func hostileQueryValuesAndHostsAreRefusedWithoutHarm() throws {
        let client = server.client()
        #expect(try client.get("/login?done=scheduled--9223372036854775808").status == 200)
        #expect(try client.get("/login?done=scheduled-9223372036854775807").status == 200)
        #expect(try client.get("/login?next=//evil.example/x").status == 200)
        let signIn = try client.signIn("dana", NewsroomServer.password, next: "//evil.example/x")
        #expect(signIn.headers["location"] == "/", "never a redirect off the newsroom")
        let rebound = try RawHTTPConnection(port: server.port).get("/login", headers: [])
        #expect(rebound.status == 200)
        let connection = try RawHTTPConnection(port: server.port)
        connection.send("GET /login HTTP/1.1\r\nHost: evil.example:\(server.port)\r\n\r\n")
        #expect(try connection.read().status == 421, "a name that is not the newsroom's (DNS rebinding) is refused")
    }

    @Test func pagesAreNeverCachedAndCarryTheNewsroomsOwnPolicy() throws {
        let client = try server.signedIn("admin")
        for path in ["/", "/articles", "/articles/new", "/users", "/audit", "/login", "/nothing"] {
            let reply = try client.get(path)
            #expect(reply.headers["cache-control"] == "no-store", "\(path)")
            #expect(reply.headers["content-security-policy"]?.contains("script-src 'none'") == true, "\(path)")
            #expect(reply.headers["content-security-policy"]?.contains("form-action 'self'") == true, "\(path)")
        }
        let reader = try server.reader("/en/")
        #expect(reader.headers["cache-control"] != "no-store")
        let huge = try RawHTTPConnection(port: server.port)
        huge.send("GET /" + String(repeating: "a", count: 40_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
        let library = try huge.read()
        #expect(library.status == 414)
        #expect(library.headers["cache-control"] == "no-store", "libmicrohttpd's own answers get the newsroom's headers")
    }
}

@Suite(.serialized) struct NewsroomArticleTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer(jobs: true) }

    @Test func aPhotosDescriptionIsAFieldOfItsOwn() throws {
        let client = try server.signedIn("dana")
        var form = NewsroomServer.article("Eagles return to Charyn", action: "save")
        func set(_ name: String, _ value: String) { form[form.firstIndex { $0.0 == name }!].1 = value }
        set("photo", "/static/photos/city.svg")
        set("caption", "Eagles over the canyon.")
        form.append(("alt", "Two eagles above red rock walls"))
        let saved = try client.post("/articles", form)
        let id = try #require(NewsroomServer.id(saved))
        let edit = try client.get("/articles/\(id)")
        #expect(edit.text.contains(#"<input id="f-alt" name="alt" type="text" value="Two eagles above red rock walls""#))
        let revision = try #require(edit.text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        set("action", "publish")
        set("revision", String(revision))
        #expect(try client.post("/articles/\(id)", form).status == 303)
        let live = try server.reader("/en/news/politics/\(id)-eagles-return-to-charyn")
        #expect(live.text.contains(#"alt="Two eagles above red rock walls""#))
        #expect(live.text.contains("<figcaption>Eagles over the canyon."))
    }

    @Test func writePreviewPublishCorrectAndReadersSeeEachStep() throws {
        let client = try server.signedIn("dana")
        let preview = try client.post("/articles", NewsroomServer.article("Senate passes the media law", action: "preview"))
        #expect(preview.status == 200)
        #expect(preview.text.contains("Preview — not published"))
        #expect(preview.text.contains("<h1>Senate passes the media law</h1>"))
        #expect(preview.text.contains("<p class=\"byline\">By Dana Ospanova</p>"))
        #expect(preview.headers["cache-control"] == "no-store")
        #expect(try server.count("SELECT COUNT(*) FROM articles WHERE title = 'Senate passes the media law'") == 0, "a preview saves nothing")
        #expect(server.app.reader.views.unflushed == 0, "nor counts a view")

        let saved = try client.post("/articles", NewsroomServer.article("Senate passes the media law"))
        let id = try #require(NewsroomServer.id(saved))
        let edit = try client.get("/articles/\(id)")
        #expect(edit.text.contains("value=\"senate-passes-the-media-law\""), "the slug was made from the headline")
        let path = "/en/news/politics/\(id)-senate-passes-the-media-law"
        #expect(try server.reader(path).status == 404, "a draft is not on the site")
        let revision = try #require(edit.text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1

        let home = try server.reader("/en/")
        #expect(try server.reader("/ru/").headers["x-cache"] != nil)
        var publish = NewsroomServer.article("Senate passes the media law", action: "publish")
        publish[publish.firstIndex { $0.0 == "revision" }!].1 = String(revision)
        #expect(try client.post("/articles/\(id)", publish).status == 303)
        let live = try server.reader(path)
        #expect(live.status == 200)
        #expect(live.text.contains("Senate passes the media law"))
        #expect(try server.reader("/en/").text.contains("Senate passes the media law"), "the home shows it on the next request")
        #expect(home.status == 200)
        #expect(try server.reader("/ru/").headers["x-cache"] == "HIT", "another edition's pages stay cached")

        // A correction: the body changes, a note is added; only pages showing the article go.
        let opened = try client.get("/articles/\(id)")
        let current = try #require(opened.text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        #expect(opened.text.contains("name=\"note\""), "a live article's form offers a correction note")
        var correct = NewsroomServer.article("Senate passes the media law", body: "A corrected first paragraph.\n\nA second one.",
                                             action: "publish")
        correct[correct.firstIndex { $0.0 == "revision" }!].1 = String(current)
        correct.append(("note", "An earlier version misstated the vote."))
        #expect(try client.post("/articles/\(id)", correct).status == 303)
        let corrected = try server.reader(path)
        #expect(corrected.text.contains("A corrected first paragraph."))
        #expect(corrected.text.contains("An earlier version misstated the vote."))
        #expect(corrected.text.contains("\"dateModified\""))
        #expect(try server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'article.correct' AND object_id = '\(id)'") == 1)

        let latest = try #require(try client.get("/articles/\(id)").text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        var unpublish = NewsroomServer.article("Senate passes the media law", body: "A corrected first paragraph.\n\nA second one.",
                                               action: "unpublish")
        unpublish[unpublish.firstIndex { $0.0 == "revision" }!].1 = String(latest)
        #expect(try client.post("/articles/\(id)", unpublish).status == 303)
        #expect(try server.reader(path).status == 404, "unpublished: gone from the site")
        #expect(!(try server.reader("/en/").text.contains("Senate passes the media law")), "and from the home")
        #expect(try client.get("/articles/\(id)").text.contains("Unpublished"))
    }

    @Test func editingALiveArticleKeepsTheLiveVersionUntilPublished() throws {
        let client = try server.signedIn("dana")
        let published = try client.post("/articles", NewsroomServer.article("Budget hearing opens", action: "publish"))
        let id = try #require(NewsroomServer.id(published))
        let path = "/en/news/politics/\(id)-budget-hearing-opens"
        let revision = try #require(try client.get("/articles/\(id)").text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        var change = NewsroomServer.article("Budget hearing opens", body: "A new body that is not live yet.")
        change[change.firstIndex { $0.0 == "revision" }!].1 = String(revision)
        #expect(try client.post("/articles/\(id)", change).status == 303)
        #expect(!(try server.reader(path).text.contains("A new body that is not live yet.")), "readers keep the live version")
        #expect(try client.get("/articles/\(id)").text.contains("changes that readers do not see yet"))
    }

    @Test func aStaleSaveShowsBothVersionsAndKeepsWhatWasTyped() throws {
        let first = try server.signedIn("dana")
        let saved = try first.post("/articles", NewsroomServer.article("Two editors at once"))
        let id = try #require(NewsroomServer.id(saved))
        let second = try server.signedIn("admin", source: "127.0.0.5")
        let opened = try #require(try first.get("/articles/\(id)").text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        _ = try second.get("/articles/\(id)")
        var theirs = NewsroomServer.article("Two editors at once", body: "The admin's version of the body.")
        theirs[theirs.firstIndex { $0.0 == "revision" }!].1 = String(opened)
        #expect(try second.post("/articles/\(id)", theirs).status == 303)
        var mine = NewsroomServer.article("Two editors at once", body: "Dana's own words, typed at the same time.")
        mine[mine.firstIndex { $0.0 == "revision" }!].1 = String(opened)
        let refused = try first.post("/articles/\(id)", mine)
        #expect(refused.status == 409)
        #expect(refused.text.contains("Someone else saved this article"))
        #expect(refused.text.contains("admin"))
        #expect(refused.text.contains("Dana&#39;s own words, typed at the same time.") || refused.text.contains("Dana's own words"))
        #expect(refused.text.contains("<del>") && refused.text.contains("<ins>"))
        let latest = try server.database.pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT revision_id FROM article_versions WHERE article_id = ?", arguments: [id])
        }!
        #expect(refused.text.contains("name=\"revision\" value=\"\(latest)\""), "the form is now based on their revision")
        #expect(try server.count("SELECT COUNT(*) FROM article_revisions WHERE article_id = \(id) AND body LIKE 'Dana%'") == 0)
    }

    @Test func historyComparesRevisionsWordByWordAndRestoresOne() throws {
        let client = try server.signedIn("dana")
        let saved = try client.post("/articles", NewsroomServer.article("Regional elections called", body: "Voters go to the polls in March."))
        let id = try #require(NewsroomServer.id(saved))
        let revision = try #require(try client.get("/articles/\(id)").text.firstMatch(of: /name="revision" value="([0-9]+)"/)).1
        var change = NewsroomServer.article("Regional elections called", body: "Voters go to the polls in April.")
        change[change.firstIndex { $0.0 == "revision" }!].1 = String(revision)
        #expect(try client.post("/articles/\(id)", change).status == 303)
        let history = try client.get("/articles/\(id)/history")
        #expect(history.status == 200)
        let ids = history.text.matches(of: /name="to" value="([0-9]+)"/).map { String($0.1) }
        #expect(ids.count == 2)
        let compare = try client.get("/articles/\(id)/compare?from=\(ids[1])&to=\(ids[0])")
        #expect(compare.text.contains("<del>March</del>") && compare.text.contains("<ins>April</ins>"))
        let current = try #require(compare.text.firstMatch(of: /name="current" value="([0-9]+)"/)).1
        #expect(try client.post("/articles/\(id)/restore", [("revision", ids[1]), ("current", String(current))]).status == 303)
        #expect(try client.get("/articles/\(id)").text.contains("Voters go to the polls in March."))
        #expect(try server.count("SELECT COUNT(*) FROM article_revisions WHERE article_id = \(id)") == 3)
    }

    @Test func aScheduledArticleAppearsWithinSecondsOfItsTime() throws {
        let client = try server.signedIn("dana")
        var form = NewsroomServer.article("Night session of parliament", action: "schedule")
        // 15:02 in Almaty on 29 November 2026 is two minutes after the fixed clock (10:00 UTC).
        form[form.firstIndex { $0.0 == "published" }!].1 = "2026-11-29T15:02"
        let scheduled = try client.post("/articles", form)
        #expect(scheduled.status == 303, "\(scheduled.text.prefix(400))")
        let id = try #require(NewsroomServer.id(scheduled))
        let path = "/en/news/politics/\(id)-night-session-of-parliament"
        #expect(try server.reader(path).status == 404)
        #expect(try client.get("/").text.contains("Night session of parliament"), "on the dashboard's scheduled list")
        server.clock.advance(121)
        var status = 0
        let start = Date()
        while status != 200 && Date().timeIntervalSince(start) < 5 {
            usleep(200_000)
            status = try server.reader(path).status
        }
        #expect(status == 200, "published within 5 s of its time")
    }

    @Test func adminsManageUsersInTheBrowser() throws {
        let admin = try server.signedIn("admin")
        let created = try admin.post("/users", [("name", "zhanna"), ("display_name", "Zhanna Ali"), ("role", "author"),
                                                 ("editions", "en"), ("editions", "kz"), ("password", "")])
        #expect(created.status == 200)
        let password = try #require(created.text.firstMatch(of: /shown only now: ([A-Za-z0-9_-]+)/)).1
        let zhanna = server.client(source: "127.0.0.6")
        #expect(try zhanna.signIn("zhanna", String(password)).status == 303)
        let short = try admin.post("/users", [("name", "bad"), ("role", "author"), ("password", "short")])
        #expect(short.status == 422 && short.text.contains("at least 12 characters"))
        let user = try #require(try UserRepository(server.database).find(name: "zhanna")).0
        #expect(user.editions == ["en", "kz"])
        #expect(try admin.post("/users/\(user.id)", [("display_name", "Zhanna Ali"), ("role", "author"), ("editions", "en"),
                                                     ("disabled", "1"), ("password", "")]).status == 303)
        #expect(try zhanna.get("/").status == 303, "disabling ends their sessions")
        let audit = try admin.get("/audit")
        #expect(audit.text.contains("user.add") && audit.text.contains("user.disable"))
    }
}
