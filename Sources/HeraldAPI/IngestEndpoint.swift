import Foundation
import HTTPServer
import HeraldCrypto
import Logging
import Media
import NewsCore
import NewsStore

/// `POST /api/v1/ingest` (the newsroom's port): one ninjs item from an agency system, sent with
/// `Authorization: Bearer TOKEN`. Answers JSON — 201 with the new article, 200 when an article
/// was updated or nothing changed — or RFC 9457 problem details: 401 (no, an unknown or a revoked
/// token), 403 (a scope or an edition it lacks), 415, 413, 422 (`errors`, each naming its ninjs
/// property), 409 (the editorial write refused). Every authenticated request is in the audit log.
public struct IngestEndpoint: Sendable {
    let service: IngestService
    let tokens: TokenRepository
    /// Brings the reader's caches up to date after a write.
    let written: @Sendable () -> Void
    /// The client's address as the newsroom sees it (trusted proxies honoured).
    let address: @Sendable (Request) -> String

    public init(database: HeraldDatabase, now: @escaping @Sendable () -> Int64, library: MediaLibrary?, photos: IngestPhotoPolicy,
                privateHosts: Bool, logger: Logger, written: @escaping @Sendable () -> Void,
                address: @escaping @Sendable (Request) -> String) {
        service = IngestService(database: database, now: now, library: library, photos: photos, privateHosts: privateHosts, logger: logger)
        tokens = TokenRepository(database, now: now)
        self.written = written
        self.address = address
    }

    public func respond(_ request: Request) throws -> Response {
        let token = try authenticate(request)
        let address = self.address(request)
        guard token.scope == .ingest else {
            return problem(request, 403, "insufficient_scope", "This token may not ingest.")
        }
        let type = request.header("content-type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" || type?.hasSuffix("+json") == true else {
            try tokens.recordUse(token, action: "ingest.refused", detail: "not JSON (\(type ?? "no Content-Type"))", address: address)
            return problem(request, 415, "unsupported_media_type", "Send the ninjs item as application/json.")
        }
        let item: NinjsItem
        switch Ninjs.parse(request.body) {
        case .success(let parsed): item = parsed
        case .failure(let errors):
            try tokens.recordUse(token, action: "ingest.refused", detail: errors.description, address: address)
            return invalid(request, errors)
        }
        let outcome: IngestOutcome
        do {
            outcome = try service.ingest(item, token: token, address: address)
        } catch let error as IngestError {
            let detail = "\(item.uri) v\(item.version): "
            switch error {
            case .invalid(let errors):
                try tokens.recordUse(token, action: "ingest.refused", detail: detail + errors.description, address: address)
                return invalid(request, errors)
            case .editionNotAllowed(let edition):
                try tokens.recordUse(token, action: "ingest.refused", detail: detail + "edition \(edition) not allowed", address: address)
                return problem(request, 403, "edition_not_allowed", "This token may not write in edition \(edition) (the item's language picks it).",
                               extra: ["errors": [["field": "language", "message": "picks edition \(edition), which this token may not write in"]]])
            case .refused(let refusal):
                written()
                try tokens.recordUse(token, action: "ingest.refused", detail: detail + refusal.description, address: address)
                return problem(request, 409, refusal.code, refusal.description)
            }
        }
        if outcome.result != .unchanged && outcome.result != .ignored { written() }
        try tokens.recordUse(token, action: "ingest.\(outcome.result.rawValue)",
                             detail: "\(item.uri) v\(item.version)" + (outcome.articleID.map { " → article \($0)" } ?? "")
                                + (outcome.state.map { " (\($0.rawValue))" } ?? ""), address: address)
        var body: [String: Any] = ["result": outcome.result.rawValue, "uri": item.uri, "version": String(outcome.version)]
        body["article_id"] = outcome.articleID ?? NSNull()
        body["revision_id"] = outcome.revisionID ?? NSNull()
        body["state"] = outcome.state?.rawValue ?? NSNull()
        body["edition"] = outcome.edition ?? NSNull()
        body["newsroom_path"] = outcome.articleID.map { "/articles/\($0)" } ?? NSNull()
        body["photo"] = outcome.photo.map { photo -> [String: Any] in
            ["source": photo.source, "url": photo.url, "stored": photo.stored, "problem": photo.problem ?? NSNull()]
        } ?? NSNull()
        let bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        var response = Response(status: outcome.result == .created ? 201 : 200, headers: [("Content-Type", "application/json; charset=utf-8")],
                                body: Array(bytes))
        if outcome.result == .created, let id = outcome.articleID { response.setHeader("Location", "/articles/\(id)") }
        return response
    }

    /// The request's live token; 401 otherwise (a revoked one's attempt is audited).
    func authenticate(_ request: Request) throws -> APIToken {
        let challenge = HTTPError.Header("WWW-Authenticate", "Bearer realm=\"herald\"")
        guard let header = request.header("authorization") else {
            throw HTTPError(401, code: "token_missing", message: "Send Authorization: Bearer TOKEN (herald token add).", headers: [challenge])
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 200 else {
            throw HTTPError(401, code: "token_missing", message: "Send Authorization: Bearer TOKEN (herald token add).", headers: [challenge])
        }
        let invalid = HTTPError.Header("WWW-Authenticate", "Bearer realm=\"herald\", error=\"invalid_token\"")
        guard let token = try tokens.token(hash: Tokens.sha256(String(parts[1]).trimmingCharacters(in: .whitespaces))) else {
            throw HTTPError(401, code: "token_invalid", message: "This token is not known.", headers: [invalid])
        }
        guard !token.isRevoked else {
            try tokens.recordUse(token, action: "token.refused", detail: "revoked", address: address(request))
            throw HTTPError(401, code: "token_revoked", message: "This token was revoked.", headers: [invalid])
        }
        return token
    }

    func invalid(_ request: Request, _ errors: InputErrors) -> Response {
        problem(request, 422, "invalid_item", errors.description,
                extra: ["errors": errors.all.map { ["field": $0.field, "message": $0.message] }])
    }

    func problem(_ request: Request, _ status: Int, _ code: String, _ detail: String, extra: [String: Any] = [:]) -> Response {
        ProblemDetails.response(status: status, code: code, detail: detail, instance: request.path, extra: extra)
    }
}
