import Foundation
import NewsStore
import Testing
import TestSupport

/// The newsroom's SVG charts, drawn from the stored view counts: an article's reads over the last
/// 7 days on its form, and each of the editor's editions on the dashboard.
@Suite(.serialized) struct NewsroomChartTests {
    static func bars(_ html: String) -> [(title: String, height: Int)] {
        html.matches(of: /<g><title>([^<]+)<\/title><rect x="\d+" y="\d+" width="\d+" height="(\d+)"/).map { (String($0.1), Int($0.2)!) }
    }

    @Test func anArticlesWeekAndEachEditionsWeekAreDrawnFromTheStoredReads() throws {
        let server = try NewsroomServer()
        let today = LocalDay.utc(server.clock.date)
        let days = LocalDay.range(days: 8, endingOn: today)   // the eighth day back is outside the chart
        let english = try server.count("SELECT id FROM articles WHERE edition_code = 'en' AND status = 'published' ORDER BY id LIMIT 1")
        let other = try server.count("SELECT id FROM articles WHERE edition_code = 'en' AND status = 'published' ORDER BY id LIMIT 1 OFFSET 1")
        let russian = try server.count("SELECT id FROM articles WHERE edition_code = 'ru' AND status = 'published' LIMIT 1")
        let views = ViewRepository(server.database)
        try server.database.pool.write { db in try db.execute(sql: "DELETE FROM article_views") }
        try views.add([Int64(english): 100], day: days[0])   // 8 days ago: not shown
        try views.add([Int64(english): 4, Int64(other): 1], day: days[2])
        try views.add([Int64(english): 10, Int64(russian): 50], day: days[5])
        try views.add([Int64(english): 5], day: today)

        let client = try server.signedIn("dana")
        let form = try client.get("/articles/\(english)").text
        #expect(form.contains("<figure class=\"chart\">"))
        #expect(form.contains("aria-label=\"Reads, last 7 days (UTC): 19 in 7 days, 5 today\""))
        let drawn = Self.bars(form)
        #expect(drawn.map(\.title) == days.dropFirst().map { day in
            "\(day): \(day == days[2] ? 4 : day == days[5] ? 10 : day == today ? 5 : 0)"
        })
        // Heights in proportion, the largest day filling the 64-pixel plot; a day without reads has none.
        #expect(drawn.map(\.height) == [0, 26, 0, 0, 64, 0, 32])
        #expect(!form.contains("<script"))

        let dashboard = try client.get("/").text
        #expect(dashboard.contains("Reads by edition, last 7 days (UTC)"))
        #expect(dashboard.contains("aria-label=\"English (en): 20 in 7 days, 5 today\"") || dashboard.contains(": 20 in 7 days, 5 today\""))
        #expect(!dashboard.contains("50 in 7 days"), "another edition's reads in an English editor's dashboard")
        let olga = try server.signedIn("olga").get("/").text
        #expect(olga.contains(": 50 in 7 days, 0 today\""))
        #expect(NewsroomChartTests.bars(olga).count == 7)
    }
}
