import HTTPServer
import Templates

extension NewsroomEnvironment {
    /// `GET /`: my drafts, waiting for review, scheduled, recently published — in my editions.
    func dashboardShow(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let board = try queries.dashboard(user: user.name, editions: user.role == .admin ? nil : user.editions)
        let view = DashboardView(lists: [(strings.myDrafts, board.myDrafts.map(row)), (strings.inReview, board.inReview.map(row)),
                                         (strings.scheduled, board.scheduled.map(row)),
                                         (strings.recentlyPublished, board.recentlyPublished.map(row))])
        return page(NewsroomPages.dashboard(chrome(request, strings.dashboardTitle), view))
    }
}
