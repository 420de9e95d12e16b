import Foundation
import GRDB
import NewsStore
import Testing
import TestSupport

/// Runs the built `herald` binary the way an operator does.
struct Herald {
    /// Runs the binary with only the given arguments (no --db added).
    static func runBare(_ arguments: [String], environment: [String: String], input: Data? = nil) throws -> (Int32, String, String) {
        let process = Process()
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, errors)
    }

    static let binary = Fixtures.root + "/.build/debug/herald"
    let directory: String
    var db: String { directory + "/herald.sqlite" }

    init() throws {
        directory = NSTemporaryDirectory() + "herald-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The command as a process, started through `wrapper` (e.g. prlimit or setpriv) when given,
    /// with `environment` added to this process's.
    func process(_ arguments: [String], wrapper: [String] = [], environment: [String: String] = [:]) -> (Process, Pipe, Pipe) {
        // A served newsroom takes any free port, so tests never clash over 8081.
        let arguments = arguments.first == "serve" && !arguments.contains("--newsroom-port") ? arguments + ["--newsroom-port", "0"] : arguments
        let process = Process()
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let command = [Herald.binary] + arguments + ["--db", db, "--migrations", Fixtures.root + "/migrations"]
        process.executableURL = URL(fileURLWithPath: wrapper.isEmpty ? Herald.binary : "/usr/bin/env")
        process.arguments = wrapper.isEmpty ? Array(command.dropFirst()) : wrapper + command
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    /// Runs a command to completion: exit status, stdout, stderr; `input` goes to its standard input.
    func run(_ arguments: [String], wrapper: [String] = [], environment: [String: String] = [:],
             input: String? = nil) throws -> (Int32, String, String) {
        let (process, out, err) = process(arguments, wrapper: wrapper, environment: environment)
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, errors)
    }
}

@Suite(.serialized) struct CommandLineTests {
    @Test func importNamesTheBadLineAndImportsNothing() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        let file = herald.directory + "/bad.jsonl"
        let good = #"{"edition":"en","story":"s","section":"news","slug":"ok","title":"T","body":"B","published":"2026-11-24T07:44:00Z"}"#
        try [good, good.replacingOccurrences(of: "\"ok\"", with: "\"ok2\"").replacingOccurrences(of: "\"s\"", with: "\"s2\""),
             good.replacingOccurrences(of: "2026-11-24T07:44:00Z", with: "soon")].joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (status, _, errors) = try herald.run(["import", file])
        #expect(status != 0)
        #expect(errors.contains("line 3: field \"published\""))
        #expect(errors.contains("nothing was imported"))
        let database = try HeraldDatabase(path: herald.db)
        #expect(try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") } == 0)

        try good.write(toFile: file, atomically: true, encoding: .utf8)
        let (ok, output, _) = try herald.run(["import", file])
        #expect(ok == 0)
        #expect(output.contains("1 created, 0 updated"))
        #expect(try herald.run(["import", file]).1.contains("0 created, 1 updated"))
    }

    @Test func ratesAndWeatherCommands() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        #expect(try herald.run(["rates", "set", "--day", "2026-11-29", "USD=471.8", "EUR=545.2"]).0 == 0)
        let bad = try herald.run(["rates", "set", "USD=abc"])
        #expect(bad.0 != 0)
        #expect(bad.2.contains("not CODE=VALUE"))
        #expect(try herald.run(["weather", "set", "--city", "astana", "--min", "-6", "--max", "-2", "--condition", "snow"]).0 == 0)
        #expect(try herald.run(["weather", "set", "--city", "astana", "--min", "1", "--max", "2", "--condition", "hail"]).0 != 0)
        let data = try SiteRepository(try HeraldDatabase(path: herald.db)).load()
        #expect(data.rates.map(\.currency) == ["USD", "EUR"])
        let audited = try HeraldDatabase(path: herald.db).pool.read { db in
            try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE actor = 'cli' ORDER BY id")
        }
        #expect(audited == ["site.setup", "header.rates", "header.weather"], "every write is in the audit log")
        #expect(data.weather["astana"]?.condition == .snow)
    }

    /// Options are declared once: the environment's values go through the same parser as the
    /// command line's (a bad one is refused with its option named), and typed options win.
    @Test func theEnvironmentSetsOptionsThroughTheSameParser() throws {
        let herald = try Herald()
        let bad = try herald.run(["serve", "--no-demo"], environment: ["HERALD_PORT": "eighty"])
        #expect(bad.0 != 0)
        #expect(bad.2.contains("--port"), "\(bad.2)")
        let secretless = try herald.run(["serve", "--no-demo", "--purge-node", "http://127.0.0.1:6081"])
        #expect(secretless.0 != 0 && secretless.2.contains("--purge-node needs --purge-secret"))
        let badNode = try herald.run(["serve", "--no-demo", "--purge-secret", "x", "--purge-node", "https://cache"])
        #expect(badNode.0 != 0 && badNode.2.contains("must be an http://host:port address"))
        let fromEnvironment = try herald.run(["serve", "--no-demo"], environment: ["HERALD_PURGE_NODES": "http://127.0.0.1:6081,http://127.0.0.1:6082"])
        #expect(fromEnvironment.0 != 0 && fromEnvironment.2.contains("needs --purge-secret"), "the nodes list is read from the environment")
        let flag = try herald.run(["serve", "--no-demo"], environment: ["HERALD_PAGE_CACHE": "maybe"])
        #expect(flag.0 != 0)
        let range = try herald.run(["serve", "--no-demo"], environment: ["HERALD_PAGE_CACHE_MB": "0"])
        #expect(range.2.contains("--page-cache-mb must be between 1 and 65536"))
        for base in ["news.example.kz", "https://news.example.kz/edition", "https://news\"example", "ftp://news.example.kz"] {
            let refused = try herald.run(["serve", "--no-demo", "--base-url", base])
            #expect(refused.0 != 0 && refused.2.contains("--base-url must be an origin"), "\(base): \(refused.2)")
        }
        // A typed option wins over the environment; a database option reaches the other commands.
        let moved = herald.directory + "/elsewhere.sqlite"
        #expect(try herald.run(["migrate"], environment: ["HERALD_DB": moved]).0 == 0)
        #expect(FileManager.default.fileExists(atPath: herald.db), "--db on the command line won")
        let (status, output, _) = try Herald.runBare(["migrate", "--migrations", Fixtures.root + "/migrations"],
                                                     environment: ["HERALD_DB": moved])
        #expect(status == 0, "\(output)")
        #expect(FileManager.default.fileExists(atPath: moved))
    }

    @Test func transliterateReadsStandardInput() throws {
        let text = "«Ақорда» хабарлады: бір [сілтеме](https://akorda.kz/a?b=1), 2026?\n"
        let latin = try Herald.runBare(["transliterate", "--to", "kk-Latn", "--markdown"], environment: [:], input: Data(text.utf8))
        #expect(latin.0 == 0)
        #expect(latin.1 == "«Aqorda» habarlady: bır [sılteme](https://akorda.kz/a?b=1), 2026?\n")
        let arabic = try Herald.runBare(["transliterate", "--to", "kk-Arab"], environment: [:], input: Data("Мәжіліс, бүгін?".utf8))
        #expect(arabic.0 == 0 && arabic.1 == "\u{0674}ماجىلىس، بۇگىن؟")
        let bytes = try Herald.runBare(["transliterate", "--to", "kk-Latn"], environment: [:], input: Data([0xD0, 0xB0, 0xFF]))
        #expect(bytes.0 == 1 && bytes.2.contains("not UTF-8 text (byte 2)") && bytes.1.isEmpty)
        let script = try Herald.runBare(["transliterate", "--to", "kk-Cyrl"], environment: [:], input: Data())
        #expect(script.0 != 0 && script.2.contains("kk-Latn") && script.2.contains("kk-Arab"))
    }

    @Test func usersAreManagedFromTheCommandLine() throws {
        let herald = try Herald()
        #expect(try herald.run(["setup", Fixtures.root + "/demo/site.json"]).0 == 0)
        let (added, output, _) = try herald.run(["user", "add", "dana", "--role", "editor", "--editions", "en,ru", "--display-name", "Dana O."])
        #expect(added == 0)
        let generated = try #require(output.firstMatch(of: /password for dana, shown only now: ([A-Za-z0-9_-]{24})/)).1
        #expect(generated.count == 24)
        let badRole = try herald.run(["user", "add", "erin", "--role", "boss"])
        #expect(badRole.0 != 0 && badRole.2.contains("--role must be admin, editor or author"))
        let badEdition = try herald.run(["user", "add", "erin", "--role", "author", "--editions", "xx"])
        #expect(badEdition.0 != 0 && badEdition.2.contains("unknown edition"))
        let short = try herald.run(["user", "add", "erin", "--role", "author", "--password-stdin"], input: "too short\n")
        #expect(short.0 != 0 && short.2.contains("at least 12 characters"))
        let fromStdin = try herald.run(["user", "add", "erin", "--role", "author", "--editions", "kz", "--password-stdin"],
                                       input: "a long enough password\n")
        #expect(fromStdin.0 == 0 && !fromStdin.1.contains("shown only now"))
        #expect(try herald.run(["user", "add", "dana", "--role", "author"]).2.contains("\"dana\" is taken"))
        let (_, list, _) = try herald.run(["user", "list"])
        #expect(list.contains("dana\teditor\ten,ru\tactive\tDana O."))
        #expect(list.contains("erin\tauthor\tkz\tactive\terin"))
        let database = try HeraldDatabase(path: herald.db)
        let before = try #require(try UserRepository(database).find(name: "dana")).1
        #expect(try herald.run(["user", "passwd", "dana", "--password-stdin"], input: "a brand new password\n").0 == 0)
        #expect(try #require(try UserRepository(database).find(name: "dana")).1 != before)
        #expect(try herald.run(["user", "disable", "dana"]).0 == 0)
        #expect(try herald.run(["user", "list"]).1.contains("dana\teditor\ten,ru\tdisabled"))
        #expect(try herald.run(["user", "passwd", "nobody"]).2.contains("no user \"nobody\""))
        let actions = try database.pool.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE object_type = 'user' ORDER BY id") }
        #expect(actions == ["user.add", "user.add", "user.passwd", "user.disable"])
    }

    /// The first start on a database with no users creates `admin` and prints its password once.
    @Test func serveCreatesTheFirstAdminOnce() throws {
        let herald = try Herald()
        func start() throws -> String {
            let (process, _, err) = herald.process(["serve", "--port", "0", "--no-demo", "--no-access-log"])
            try process.run()
            var log = ""
            let deadline = Date().addingTimeInterval(30)
            while !log.contains("newsroom on http://") && Date() < deadline {
                let data = err.fileHandleForReading.availableData
                if data.isEmpty { break }
                log += String(decoding: data, as: UTF8.self)
            }
            process.terminate()
            process.waitUntilExit()
            return log
        }
        let first = try start()
        let password = try #require(first.firstMatch(of: /created user "admin" with password ([A-Za-z0-9_-]{24})/)).1
        let users = UserRepository(try HeraldDatabase(path: herald.db))
        let hash = try #require(try users.find(name: "admin")).1
        #expect(hash.hasPrefix("$argon2id$") && !hash.contains(String(password)))
        let second = try start()
        #expect(second.contains("newsroom on http://"))
        #expect(!second.contains("created user"), "only on a database with no users")
    }

    @Test func serveRefusesAnEditedMigration() throws {
        let herald = try Herald()
        #expect(try herald.run(["migrate"]).0 == 0)
        let database = try HeraldDatabase(path: herald.db)
        try database.pool.write { db in try db.execute(sql: "UPDATE schema_migrations SET checksum = 'edited'") }
        let (status, _, errors) = try herald.run(["serve", "--port", "0", "--no-demo"])
        #expect(status != 0)
        #expect(errors.contains("was edited after it was applied"))
    }

    /// SIGTERM: the views stored equal the article pages served with 200.
    @Test func sigtermFlushesEveryCountedView() throws {
        let herald = try Herald()
        let (process, _, err) = herald.process(["serve", "--port", "0", "--no-access-log"])
        try process.run()
        var port = 0
        var log = ""
        let deadline = Date().addingTimeInterval(30)
        while port == 0 && Date() < deadline {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            if let match = log.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:([0-9]+)/) { port = Int(match.1)! }
        }
        try #require(port > 0, "server did not start: \(log)")
        let connection = try RawHTTPConnection(port: port)
        let home = try connection.get("/en/")
        let href = try #require(home.text.firstMatch(of: /href="(\/en\/[a-z\/]+\/([0-9]+)-[a-z0-9-]+)"/))
        let id = Int64(href.2)!
        let database = try HeraldDatabase(path: herald.db)
        let before = try ViewRepository(database).totalViews(articleID: id)
        for _ in 0..<7 { #expect(try connection.get(String(href.1)).status == 200) }
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try ViewRepository(database).totalViews(articleID: id) == before + 7)
    }
}

@Suite(.serialized) struct OperationsTests {
    @Test func aCorruptDatabaseIsAClearErrorAtStart() throws {
        let herald = try Herald()
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: herald.db))
        let (status, _, errors) = try herald.run(["serve", "--port", "0", "--no-demo"])
        #expect(status == 1)
        #expect(errors.contains("unable to open database"), "\(errors)")
        #expect(errors.contains("not a database"), "\(errors)")
    }

    @Test func outOfRangeTuningOptionsAreRefusedByName() throws {
        let herald = try Herald()
        for (option, value) in [("--data-cache-mb", "-1"), ("--page-cache-mb", "0"), ("--worker-yield-us", "-5")] {
            let (status, _, errors) = try herald.run(["serve", "--port", "0", "--no-demo", option, value])
            #expect(status != 0)
            #expect(errors.contains(option), "\(errors)")
        }
    }

    @Test func aMissingDirectoryIsAClearErrorAtStart() throws {
        let herald = try Herald()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Herald.binary)
        process.arguments = ["migrate", "--db", herald.directory + "/no/such/dir/h.sqlite", "--migrations", Fixtures.root + "/migrations"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("does not exist"))
    }

    /// Runs as an unprivileged user where file modes apply (root ignores them).
    static let unprivileged: [String] = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []

    @Test func aReadOnlyDatabaseFileOrDirectoryIsAClearErrorAtStart() throws {
        let herald = try Herald()
        #expect(try herald.run(["migrate"]).0 == 0)
        chmod(herald.directory, 0o755)
        chmod(herald.db, 0o444)
        var (status, _, errors) = try herald.run(["serve", "--port", "0", "--no-demo"], wrapper: Self.unprivileged)
        #expect(status == 1)
        #expect(errors.contains("readonly database") && errors.contains("herald needs write access"), "\(errors)")
        // A writable file in a read-only directory: the -wal and -shm files cannot be created.
        chmod(herald.db, 0o666)
        chmod(herald.directory, 0o555)
        defer { chmod(herald.directory, 0o755) }
        (status, _, errors) = try herald.run(["serve", "--port", "0", "--no-demo"], wrapper: Self.unprivileged)
        #expect(status == 1)
        #expect(errors.contains("herald: store: unable to open database"), "\(errors)")
        #expect(errors.contains("write"), "\(errors)")
    }

    @Test func healthSaysWhenTheDatabaseTurnsReadOnlyAndReadinessRefuses() throws {
        let herald = try Herald()
        #expect(try herald.run(["migrate"]).0 == 0)
        chmod(herald.directory, 0o777)
        for suffix in ["", "-wal", "-shm"] { chmod(herald.db + suffix, 0o666) }
        // The unprivileged server runs from copies of the binary, migrations and static files it may
        // read (a checkout can be private to its owner).
        for folder in ["migrations", "Public"] {
            try FileManager.default.copyItem(atPath: Fixtures.root + "/" + folder, toPath: herald.directory + "/" + folder)
        }
        let binary = herald.directory + "/herald"
        try FileManager.default.copyItem(atPath: Herald.binary, toPath: binary)
        let chmodAll = Process()
        chmodAll.executableURL = URL(fileURLWithPath: "/bin/chmod")
        chmodAll.arguments = ["-R", "a+rX", herald.directory + "/migrations", herald.directory + "/Public", binary]
        try chmodAll.run()
        chmodAll.waitUntilExit()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = Self.unprivileged + [binary, "serve", "--port", "0", "--no-demo", "--no-access-log", "--no-newsroom",
                                                "--db", herald.db, "--migrations", herald.directory + "/migrations",
                                                "--public", herald.directory + "/Public"]
        server.currentDirectoryURL = URL(fileURLWithPath: herald.directory)
        let err = Pipe()
        server.standardOutput = FileHandle.nullDevice
        server.standardError = err
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() }; chmod(herald.db, 0o644) }
        var log = ""
        let port = try Self.waitForPort(err, log: &log)
        #expect(try RawHTTPConnection(port: port).get("/healthz").text == "ok\n")
        #expect(try RawHTTPConnection(port: port).get("/readyz").text == "ready\n")
        chmod(herald.db, 0o444)
        let health = try RawHTTPConnection(port: port).get("/healthz")
        #expect(health.status == 200 && health.text.contains("warning: the database is read-only"), "still alive: reads work")
        let ready = try RawHTTPConnection(port: port).get("/readyz")
        #expect(ready.status == 503 && ready.text.contains("read-only") && ready.headers["cache-control"] == "no-store")
    }

    @Test func aDiskWithLittleRoomLeftIsNearlyFull() {
        typealias State = HeraldDatabase.StorageState
        #expect(State(writable: true, freeBytes: 100 << 20, totalBytes: 100 << 30).nearlyFull, "100 MB left")
        #expect(State(writable: true, freeBytes: 4 << 30, totalBytes: 100 << 30).nearlyFull, "4 % left")
        #expect(!State(writable: true, freeBytes: 6 << 30, totalBytes: 100 << 30).nearlyFull)
        #expect(!State(writable: true, freeBytes: 2 << 30, totalBytes: 8 << 30).nearlyFull)
    }

    /// A really full disk (a 64 KiB tmpfs in a private mount namespace): a clear message, exit 1.
    @Test(.enabled(if: Self.canMountPrivately(), "needs unshare -Urm (user and mount namespaces)"))
    func aFullDiskIsAClearErrorAtStart() throws {
        let herald = try Herald()
        let mount = herald.directory + "/small"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let script = #"mount -t tmpfs -o size=64k tmpfs "$1" && exec "$2" migrate --db "$1/h.sqlite" --migrations "$3""#
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-Urm", "sh", "-c", script, "sh", mount, Herald.binary, Fixtures.root + "/migrations"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(errors)")
        #expect(errors.hasPrefix("herald: "), "\(errors)")
        #expect(errors.contains("disk"), "\(errors)")
    }

    static func canMountPrivately() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-Urm", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs /mnt"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Writes failing at run time (a file size limit the WAL soon reaches): pages keep being
    /// served, the failed view flushes are logged and retried, nothing crashes, the exit is clean.
    @Test func failingWritesAtRunTimeAreLoggedWhileReadsGoOn() throws {
        let herald = try Herald()
        // Load the demo without a limit first (this also leaves the 32 KiB -shm file in place).
        let (loader, _, loaderErr) = herald.process(["serve", "--port", "0", "--no-access-log"])
        try loader.run()
        _ = try Self.waitForPort(loaderErr)
        loader.terminate()
        loader.waitUntilExit()

        let (server, _, err) = herald.process(["serve", "--port", "0", "--no-demo", "--no-access-log", "--flush-interval", "0.2"],
                                              wrapper: ["prlimit", "--fsize=36864"])
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        var log = ""
        let port = try Self.waitForPort(err, log: &log)
        let connection = try RawHTTPConnection(port: port)
        let home = try connection.get("/en/")
        let href = String(try #require(home.text.firstMatch(of: /href="(\/en\/[a-z\/]+\/[0-9]+-[a-z0-9-]+)"/)).1)
        let start = Date()
        let reader = ReaderLog(err)
        while !reader.text.contains("views: unable to store view counts") && Date().timeIntervalSince(start) < 20 {
            #expect(try connection.get(href).status == 200)
            usleep(20_000)
        }
        #expect(reader.text.contains("views: unable to store view counts, will retry"), "\(reader.text)")
        #expect(try connection.get(href).status == 200, "reads go on after writes fail")
        #expect(try connection.get("/healthz").status == 200)
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(reader.text.contains("could not be stored before exit"), "\(reader.text)")
    }

    /// Reads the server's standard error until it says which port it listens on.
    static func waitForPort(_ err: Pipe) throws -> Int {
        var log = ""
        return try waitForPort(err, log: &log)
    }

    static func waitForPort(_ err: Pipe, log: inout String) throws -> Int {
        while true {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            if let match = log.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:([0-9]+)/) { return Int(match.1)! }
        }
        throw StoreError(.cannotOpen, "server did not start: \(log)")
    }

    /// Imports from the command line while the server serves and flushes views: writers wait on
    /// the busy timeout (BEGIN IMMEDIATE), nobody sees "database is locked", every view lands.
    @Test func importsWhileServingNeverHitALockedDatabase() throws {
        let herald = try Herald()
        let (server, _, err) = herald.process(["serve", "--port", "0", "--no-access-log"])
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        var port = 0
        var log = ""
        while port == 0 {
            let data = err.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
            if let match = log.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:([0-9]+)/) { port = Int(match.1)! }
        }
        try #require(port > 0, "server did not start: \(log)")
        let home = try RawHTTPConnection(port: port).get("/en/")
        let href = try #require(home.text.firstMatch(of: /href="(\/en\/[a-z\/]+\/([0-9]+)-[a-z0-9-]+)"/))
        let articleID = Int64(href.2)!
        let before = try ViewRepository(try HeraldDatabase(path: herald.db)).totalViews(articleID: articleID)

        let file = herald.directory + "/many.jsonl"
        let lines = (0..<1500).map { i in
            #"{"edition":"ru","story":"bulk-\#(i)","section":"news","slug":"bulk-\#(i)","title":"Заголовок \#(i)","body":"Текст **\#(i)**.\n\nВторой абзац.","tags":["elections","astana"],"published":"2026-11-20T10:00:00+05:00"}"#
        }
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let reader = try RawHTTPConnection(port: port)
        var served = 0
        let start = Date()
        var imports = 0
        while Date().timeIntervalSince(start) < 7 {         // spans at least one 5-second view flush
            let (status, _, errors) = try herald.run(["import", file])
            #expect(status == 0, "\(errors)")
            #expect(!errors.contains("locked"))
            imports += 1
            for _ in 0..<20 where try reader.get(String(href.1)).status == 200 { served += 1 }
        }
        #expect(imports >= 2)
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(try ViewRepository(try HeraldDatabase(path: herald.db)).totalViews(articleID: articleID) == before + served)
    }
}

/// Collects what a process writes to a pipe, on a background thread.
final class ReaderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                lock.lock()
                collected += String(decoding: data, as: UTF8.self)
                lock.unlock()
            }
        }
    }

    /// Everything read so far.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

/// The benchmark's data generator writes through the import path; its articles come strictly
/// oldest first (so an import only appends to its lists) and every list's ranks are 1…n.
@Suite struct BenchDataTests {
    @Test func generatedArticlesArriveInPublicationOrderWithConsistentLists() throws {
        let directory = NSTemporaryDirectory() + "herald-bench-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.root + "/.build/debug/herald-bench-data")
        process.arguments = ["--articles", "3000", "--db", directory + "/bench.sqlite", "--seed", "3",
                             "--now", "2026-12-01T00:00:00+00:00", "--body-bytes", "300-600"]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let database = try HeraldDatabase(path: directory + "/bench.sqlite", readonly: true)
        try database.pool.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles") == 3000)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT edition_code) FROM articles") == 7)
            let inversions = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM articles a JOIN articles b ON b.id = a.id + 1 WHERE b.published_at < a.published_at
                """)
            #expect(inversions == 0, "articles are written oldest first")
            let misranked = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM (SELECT rank, row_number() OVER (PARTITION BY tag_id ORDER BY published_at, article_id) AS n
                                              FROM article_tags WHERE published_at IS NOT NULL) WHERE rank IS NOT n)
                     + (SELECT COUNT(*) FROM (SELECT rank, row_number() OVER (PARTITION BY section_id, edition_code
                                              ORDER BY published_at, article_id) AS n FROM article_sections) WHERE rank IS NOT n)
                """)
            #expect(misranked == 0)
            let miscounted = try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM tags t WHERE article_count <>
                          (SELECT COUNT(*) FROM article_tags l WHERE l.tag_id = t.id AND l.published_at IS NOT NULL))
                     + (SELECT COUNT(*) FROM section_counts c WHERE article_count <>
                          (SELECT COUNT(*) FROM article_sections l WHERE l.section_id = c.section_id AND l.edition_code = c.edition_code))
                """)
            #expect(miscounted == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_views") ?? 0 > 0)
        }
    }
}

/// `herald serve` under systemd's notify protocol, with a datagram socket standing in for systemd.
@Suite(.serialized) struct SystemdNotifyTests {
    /// A bound Unix datagram socket and the messages it receives.
    final class FakeSystemd {
        let path: String
        let fd: Int32

        init() throws {
            path = NSTemporaryDirectory() + "hn-\(UInt32.random(in: 0 ... .max)).sock"
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
            }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            try #require(bound == 0)
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// The next message within `seconds`, or nil.
        func next(within seconds: Double) -> String? {
            var pollfd = Foundation.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pollfd, 1, Int32(seconds * 1000)) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil
        }
    }

    @Test func readyOnceListeningThenTheWatchdogThenStopping() throws {
        let systemd = try FakeSystemd()
        let herald = try Herald()
        let (process, _, err) = herald.process(["serve", "--port", "0", "--no-access-log"],
                                               environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "400000"])
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let ready = try #require(systemd.next(within: 60), "no READY from serve")
        #expect(ready.hasPrefix("READY=1\nSTATUS=Serving readers on port "))
        let port = try #require(Int(ready.split(separator: " ").last!))
        #expect(try RawHTTPConnection(port: port).get("/healthz").status == 200)   // ready means answering
        // WATCHDOG_USEC 0.4 s: a ping every 0.2 s.
        var pings = 0
        let started = Date()
        while Date().timeIntervalSince(started) < 1.0, let message = systemd.next(within: 0.5) {
            if message == "WATCHDOG=1" { pings += 1 }
        }
        #expect(pings >= 3, "\(pings) watchdog pings in a second")
        process.terminate()
        var stopping = false
        while let message = systemd.next(within: 5) {
            if message == "STOPPING=1" { stopping = true; break }
        }
        #expect(stopping)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        _ = err
    }

    @Test func aWatchdogMeantForAnotherProcessIsNotFed() throws {
        let systemd = try FakeSystemd()
        let herald = try Herald()
        let (process, _, _) = herald.process(["serve", "--port", "0", "--no-access-log"],
                                             environment: ["NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"])
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        #expect(systemd.next(within: 60)?.hasPrefix("READY=1") == true)
        #expect(systemd.next(within: 0.6) == nil)
    }
}
