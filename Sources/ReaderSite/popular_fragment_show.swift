import HTTPServer
import NewsCore
import Templates

extension ReaderEnvironment {
    /// `GET /_fragments/popular/:edition[?except=ID]`: an edition's Popular list alone, for cache
    /// nodes that assemble pages by ESI (an article page leaves itself out). Its key is the
    /// edition's `popular:` key: a new ranking purges these fragments, not the pages.
    func popularFragmentShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let except = request.queryValue("except").flatMap { Int64($0) }
        guard request.query.allSatisfy({ $0.name == "except" }), request.queryValue("except") == nil || except != nil else {
            throw HTTPError.badRequest()
        }
        let code = context.edition.code
        let links = (snapshot.popular[code] ?? []).filter { $0.id != except }.map { link($0, snapshot, context) }
        return document(Layout.popular(links, context.strings).bytes, type: "text/html; charset=utf-8", keys: [.popular(code)], context,
                        cacheable: true)
    }
}
