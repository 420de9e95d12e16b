import HTTPServer
import NewsCore
import NewsStore
import Templates

extension NewsroomEnvironment {
    /// The board's choice of days.
    static let boardDays = [1, 3, 7, 14, 30]

    /// `GET /stories?days=3&edition=qz&missing=1`: stories saved or published in the last days,
    /// newest first, with each edition's state; `edition` keeps the stories that edition has,
    /// `missing` those missing or outdated in one of the user's editions (for translators).
    func storyIndex(_ request: Request, _ parameters: RouteParameters) throws -> Response {
        let user = session(request).user
        let snapshot = reader.snapshotForNewsroom
        let days = request.queryValue("days").flatMap(Int.init).flatMap { Self.boardDays.contains($0) ? $0 : nil } ?? 3
        let edition = request.queryValue("edition").flatMap { snapshot.byCode[$0] == nil ? nil : $0 }
        let missingOnly = request.queryValue("missing") == "1"
        let mine = Set(editions(for: user).map(\.edition.code))
        var stories = try queries.stories(since: unixNow - Int64(days) * 86_400, until: unixNow)
        if let edition { stories = stories.filter { $0.article(in: edition) != nil } }
        if missingOnly {
            stories = stories.filter { story in mine.contains { code in story.article(in: code).map(\.isOutdated) ?? true } }
        }
        let columns = snapshot.editions.map(\.edition.code)
        let rows = stories.prefix(200).map { story in
            BoardRowView(href: "/stories/\(story.id)", title: story.articles.first?.title ?? story.key,
                         cells: columns.map { code in story.article(in: code).map(cell) })
        }
        let any = Choice(value: "", label: strings.any, selected: edition == nil)
        let view = BoardView(days: Self.boardDays.map { Choice(value: String($0), label: String($0), selected: $0 == days) },
                             editions: [any] + snapshot.editions.map { Choice(value: $0.edition.code, label: $0.edition.name,
                                                                             selected: $0.edition.code == edition) },
                             missingOnly: missingOnly, columns: columns, rows: Array(rows))
        return page(NewsroomPages.board(chrome(request, strings.stories.boardTitle), view))
    }
}
