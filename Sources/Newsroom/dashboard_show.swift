import HTTPServer
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// `GET /`: my drafts, waiting for review, scheduled, recently published — in my editions.
    func dashboardShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let board = try queries.dashboard(user: user.name, editions: user.role == .admin ? nil : user.editions)
        let view = DashboardView(lists: [(strings.myDrafts, board.myDrafts.map(row)), (strings.inReview, board.inReview.map(row)),
                                         (strings.scheduled, board.scheduled.map(row)),
                                         (strings.recentlyPublished, board.recentlyPublished.map(row))])
        var shown = view
        let names = editions(for: user).map { ($0.edition.code, $0.edition.name) }
        let traffic = try ViewRepository(database).editionTraffic(editions: names.map(\.0), days: 7, endingOn: LocalDay.utc(now()))
        shown.traffic = names.map { code, name in ("\(name) (\(code))", (traffic[code] ?? []).map { ($0.day, $0.views) }) }
        return page(NewsroomPages.dashboard(chrome(request, strings.dashboardTitle), shown))
    }
}
