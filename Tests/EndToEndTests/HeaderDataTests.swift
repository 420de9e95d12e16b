import Foundation
import GRDB
import Testing
import TestSupport

/// The header's rates and weather kept in the newsroom: through the named writes, seen by readers
/// on their next request, bad values refused beside their field with what was typed kept.
@Suite(.serialized) struct HeaderDataTests {
    let server: NewsroomServer
    init() throws { server = try NewsroomServer() }

    @Test func editorsSetTodaysRatesAndReadersSeeThem() throws {
        let dana = try server.signedIn("dana")
        let page = try dana.get("/header")
        #expect(page.status == 200)
        for currency in ["USD", "EUR", "RUB", "CNY"] { #expect(page.text.contains("name=\"rate.\(currency)\""), "\(currency)") }
        #expect(try server.reader("/en/").text.contains("USD") )
        let before = try server.count("SELECT COUNT(*) FROM currency_rates")
        let bad = try dana.post("/header/rates", [("day", "2026-12-03"), ("rate.USD", "abc"), ("rate.EUR", "-3"), ("rate.RUB", "")])
        #expect(bad.status == 422)
        #expect(bad.text.contains("id=\"e-rate.USD\"") && bad.text.contains("id=\"e-rate.EUR\"") && bad.text.contains("value=\"abc\""))
        #expect(try server.count("SELECT COUNT(*) FROM currency_rates") == before, "nothing stored")
        #expect(try dana.post("/header/rates", [("day", "31-12-2026"), ("rate.USD", "480")]).status == 422)
        let saved = try dana.post("/header/rates", [("day", "2026-12-03"), ("rate.USD", "480,55"), ("rate.EUR", "551.2")])
        #expect(saved.status == 303)
        #expect(try server.count("SELECT COUNT(*) FROM currency_rates WHERE day = '2026-12-03' AND currency = 'USD' AND value = 480.55") == 1)
        #expect(try server.reader("/en/").text.contains("480.55"), "every page's header shows the new rate")
        #expect(try server.count("SELECT COUNT(*) FROM audit_log WHERE action = 'header.rates' AND actor = 'dana'") == 1)
    }

    @Test func editorsReportTheWeatherAndAuthorsCannot() throws {
        let dana = try server.signedIn("dana")
        _ = try dana.get("/header")
        let inverted = try dana.post("/header/weather", [("city", "astana"), ("min", "10"), ("max", "5"), ("condition", "snow"), ("at", "")])
        #expect(inverted.status == 422 && inverted.text.contains("id=\"e-max\"") && inverted.text.contains("value=\"10\""))
        #expect(try dana.post("/header/weather", [("city", "atlantis"), ("min", "1"), ("max", "2"), ("condition", "snow")]).status == 422)
        #expect(try dana.post("/header/weather", [("city", "astana"), ("min", "1"), ("max", "2"), ("condition", "hail")]).status == 422)
        let saved = try dana.post("/header/weather", [("city", "astana"), ("min", "-12"), ("max", "-5"), ("condition", "snow"), ("at", "")])
        #expect(saved.status == 303)
        #expect(try server.reader("/en/").text.contains("−12…−5"), "readers see the new report")
        let arman = try server.signedIn("arman")
        #expect(try arman.get("/header").status == 403)
        #expect(try arman.post("/header/rates", [("day", "2026-12-03"), ("rate.USD", "1")]).status == 403)
    }
}
