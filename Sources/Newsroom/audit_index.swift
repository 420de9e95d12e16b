import HTTPServer
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /audit[?before=ID]` (admins): every write, newest first, 100 a page.
    func auditIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let before = request.queryValue("before").flatMap { Int64($0) }
        let entries = try AuditLog.entries(database, limit: 101, before: before)
        let rows = entries.prefix(100).map { entry in
            AuditRowView(when: utcTime(entry.at), who: entry.actor, what: entry.action, object: "\(entry.objectType) \(entry.objectID)",
                         address: entry.address, detail: entry.detail)
        }
        let older = entries.count > 100 ? "/audit?before=\(entries[99].id)" : nil
        return page(NewsroomPages.audit(chrome(request, strings.auditTitle), Array(rows), olderHref: older))
    }
}
