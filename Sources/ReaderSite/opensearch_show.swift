import HTTPServer
import NewsCore
import Templates

extension ReaderEnvironment {
    /// `/{edition}/opensearch.xml`: the OpenSearch description that lets a browser add the
    /// edition's search to its search bar.
    func openSearchShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let snapshot = state.snapshot
        let context = try edition(parameters["edition"]!, snapshot)
        let edition = context.edition
        let (origin, cacheable) = self.origin(request)
        let xml = OpenSearch.description(shortName: opensearchTitle(edition), description: "\(context.strings.search.search): \(edition.siteName)",
                                         language: edition.publicTag, template: origin + URLs.search(edition.code) + "?q={searchTerms}",
                                         icon: origin + staticFiles.url("favicon.svg"), searchPage: origin + URLs.search(edition.code))
        return document(xml.bytes, type: "application/opensearchdescription+xml; charset=utf-8", keys: [], context, cacheable: cacheable)
    }
}
