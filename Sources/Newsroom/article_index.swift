import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /articles?edition=&section=&status=&author=&q=&page=`: articles newest first, 50 a
    /// page, in the editions the user works in.
    func articleIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let mine = editions(for: user)
        func value(_ name: String) -> String? { request.queryValue(name).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) } }
        let page = max(1, min(10_000, Int(request.queryValue("page") ?? "") ?? 1))
        let edition = value("edition").flatMap { code in mine.contains { $0.edition.code == code } ? code : nil }
        let state = value("status").flatMap(ArticleState.init(rawValue:))
        let filter = ArticleFilter(edition: edition, section: value("section"), state: state, author: value("author"), words: value("q"),
                                   editions: user.role == .admin ? nil : user.editions, limit: 50, offset: (page - 1) * 50)
        let items = try queries.articles(filter)
        let snapshot = reader.snapshotForNewsroom
        let any = Choice(value: "", label: strings.any, selected: false)
        func href(_ page: Int) -> String {
            var query = request.query.filter { $0.name != "page" && $0.name != "done" }
            query.append(("page", String(page)))
            return "/articles?" + URLEncodedForm.encode(query)
        }
        let view = ArticleListView(
            editions: [any] + mine.map { Choice(value: $0.edition.code, label: $0.edition.name, selected: $0.edition.code == edition) },
            sections: [any] + snapshot.data.sections.all.sorted { $0.path < $1.path }.map {
                Choice(value: $0.path, label: $0.path, selected: $0.path == value("section"))
            },
            states: [any] + ArticleState.allCases.map { Choice(value: $0.rawValue, label: strings.stateName($0), selected: $0 == state) },
            author: value("author") ?? "", words: value("q") ?? "", rows: items.prefix(50).map(row),
            newerHref: page > 1 ? href(page - 1) : nil, olderHref: items.count > 50 ? href(page + 1) : nil)
        return self.page(NewsroomPages.articleList(chrome(request, strings.articlesTitle), view))
    }
}
