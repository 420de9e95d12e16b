import Foundation
import HTTPServer
import HeraldSupport
import NewsCore

/// The fuzzed entry points. The first input byte picks the target; the rest is its input. Each
/// target checks an invariant and traps (a crash libFuzzer records) when it does not hold.
enum FuzzTargets {
    /// HERALD_FUZZ_TARGET=N pins one target (all input bytes go to it); `make fuzz` runs each in turn.
    static let pinned: UInt8? = ProcessInfo.processInfo.environment["HERALD_FUZZ_TARGET"].flatMap { UInt8($0) }

    static func run(_ bytes: [UInt8]) {
        guard let selector = pinned ?? bytes.first else { return }
        let input = pinned == nil ? Array(bytes.dropFirst()) : bytes
        let text = String(decoding: input, as: UTF8.self)
        // 7 to 10 came later; every other byte keeps the target it always had (seeds depend on it).
        if selector == 7 { return urlEncodedForm(input) }
        if selector == 8 { return multipart(input) }
        if selector == 9 { return searchQuery(text) }
        if selector == 10 { return htmlBody(text) }
        switch selector % 7 {
        case 0: requestTarget(text)
        case 1: protocolChecks(text)
        case 2: importLine(text)
        case 3: markdown(text)
        case 4: escaping(text)
        case 5: router(text)
        default: pageNumber(text)
        }
    }

    /// A decoded path never holds NUL or control characters and always starts with "/".
    static func requestTarget(_ text: String) {
        if case .success(let parsed) = RequestTarget.parse(text) {
            precondition(parsed.path.utf8.first == UInt8(ascii: "/"))   // bytes: "/" + a combining mark is one Character
            precondition(!parsed.path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            for item in parsed.query {
                precondition(!(item.name + item.value).unicodeScalars.contains { $0.value < 0x20 })
            }
        }
    }

    /// Header lines "Name: value" through the framing checks: any outcome, never a crash; a
    /// request with both Transfer-Encoding and Content-Length is never accepted.
    static func protocolChecks(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64)
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        let result = ProtocolChecks.check(method: "POST", version: "HTTP/1.1", headers: headers)
        let names = Set(headers.map { $0.name.lowercased() })
        if names.contains("transfer-encoding") && names.contains("content-length") { precondition(result != nil) }
    }

    /// The import line parser accepts or names a field; an accepted slug is always valid.
    static func importLine(_ text: String) {
        switch ArticleInput.parse(line: text) {
        case .success(let article):
            precondition(Slug.isValid(article.slug) && Slug.isValidPath(article.section))
        case .failure(let error):
            precondition(!error.field.isEmpty)
        }
    }

    /// Markdown never lets markup through: every "<" in the output starts an allowed tag.
    static func markdown(_ text: String) {
        onlyMarkdownOutput(Markdown.html(String(text.prefix(20_000))))
    }

    /// An agency's HTML body, through the body Markdown, comes out as Markdown's output and
    /// nothing else (the ingest API's sanitiser).
    static func htmlBody(_ text: String) {
        let markdown = HTMLBody.markdown(String(text.prefix(20_000)))
        precondition(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "control characters in the body")
        onlyMarkdownOutput(Markdown.html(markdown))
    }

    static func onlyMarkdownOutput(_ html: String) {
        let allowed = ["p>", "/p>", "h2>", "/h2>", "h3>", "/h3>", "h4>", "/h4>", "blockquote>", "/blockquote>",
                       "ul>", "/ul>", "ol>", "/ol>", "li>", "/li>", "strong>", "/strong>", "em>", "/em>",
                       "code>", "/code>", "a href=\"", "/a>"]
        // Bytes, not Characters: a combining mark after ">" would otherwise hide the tag's end.
        let bytes = Array(html.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "<") {
            let rest = bytes[(index + 1)...]
            precondition(allowed.contains { rest.starts(with: $0.utf8) }, "unexpected markup in \(html.prefix(200))")
        }
        precondition(!html.lowercased().contains("href=\"javascript:"))
    }

    /// Escaped text contains none of the five special characters.
    /// HTML escaping leaves no markup characters; JSON escaping (JSON-LD blocks) leaves none that
    /// could end a script element, and a JSON parser reads the original text back.
    static func escaping(_ text: String) {
        let escaped = escapeHTML(text)
        precondition(!escaped.contains(where: { $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }))
        var json: [UInt8] = [0x5B, 0x22]   // ["
        appendEscapedJSONString(text, to: &json)
        json += [0x22, 0x5D]
        precondition(!json.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 < 0x20 }))
        let decoded = try? JSONSerialization.jsonObject(with: Data(json)) as? [String]
        precondition(decoded == [text], "JSON escaping did not round-trip")
    }

    /// A search query of any text becomes an index query made only of quoted tokens: no token
    /// holds a quote, a space or a character the tokenizer would split on, so nothing of the
    /// input can act as the index's query syntax; and snippets give back the text they cut.
    static func searchQuery(_ text: String) {
        for prefixing in [false, true] {
            guard let query = SearchQuery(text, prefixMatching: prefixing) else { continue }
            precondition(!query.terms.isEmpty && query.terms.count <= SearchQuery.maxTerms && query.text.count <= SearchQuery.maxLength)
            for term in query.terms {
                precondition(!term.tokens.isEmpty)
                for token in term.tokens {
                    precondition(!token.isEmpty)
                    for scalar in token.unicodeScalars {
                        let kind = SearchText.kind(scalar)
                        precondition(kind == .word || kind == .ideograph || kind == .mark, "token \(token) holds \(scalar.value)")
                    }
                }
            }
            let match = query.match(edition: "en")
            precondition(match.hasPrefix("edition : \"en\" AND {title lead body tags} : (") && match.hasSuffix(")"))
            let snippet = query.snippet(text)
            let joined = snippet.parts.map(\.text).joined()
            precondition(text.unicodeScalars.count >= joined.unicodeScalars.count)
            precondition(query.highlighted(text).map(\.text).joined() == text, "highlighting changed the text")
        }
    }

    /// A form body decodes to text with no control characters but tab and LF (never CR), or is refused.
    static func urlEncodedForm(_ bytes: [UInt8]) {
        if case .success(let fields) = URLEncodedForm.decode(bytes) {
            for (name, value) in fields {
                precondition(!(name + value).utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A) || $0 == 0x7F })
            }
        }
    }

    /// Any bytes fed to the multipart reader in two chunks: fields, files or a refusal, never a
    /// crash, and every file it wrote is removed.
    static func multipart(_ bytes: [UInt8]) {
        guard let reader = MultipartReader(contentType: "multipart/form-data; boundary=fz", directory: NSTemporaryDirectory()) else {
            preconditionFailure("the reader refused a good boundary")
        }
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % bytes.count
        do {
            try bytes[..<cut].withUnsafeBytes { try reader.feed($0) }
            try bytes[cut...].withUnsafeBytes { try reader.feed($0) }
            let form = try reader.finish()
            for file in form.files { precondition(FileManager.default.fileExists(atPath: file.path)) }
            reader.removeFiles()
            for file in form.files { precondition(!FileManager.default.fileExists(atPath: file.path)) }
        } catch {
            reader.removeFiles()
        }
    }

    /// Any query string: a page number is 1...999_999 or refused; never a crash.
    static func pageNumber(_ text: String) {
        guard case .success(let parsed) = RequestTarget.parse("/en/news/?" + text) else { return }
        if let page = PageNumber.parse(parsed.query.filter { $0.name == "page" }.map(\.value)) {
            precondition((1...999_999).contains(page))
        }
    }

    static let table: Router = {
        var router = Router(errors: { _, error in Response(status: error.status) })
        router.get("/") { _, _ in Response(status: 200) }
        router.get("/:edition/") { _, _ in Response(status: 200) }
        router.get("/:edition/tag/:slug") { _, _ in Response(status: 200) }
        router.get("/:edition/*path") { _, p in
            precondition(!(p["path"] ?? "").isEmpty)
            return Response(status: 200)
        }
        return router
    }()

    /// Any target through parsing and the route table: an answer, never a crash.
    static func router(_ text: String) {
        guard let request = Request(method: "GET", target: text) else { return }
        let response = table.respond(to: request)
        precondition((200...599).contains(response.status))
    }
}
