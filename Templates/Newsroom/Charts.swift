import Foundation
import HeraldSupport

/// One bar of a chart: its label under it (the day of the month), its value, and the full day for its tooltip.
public struct ChartBar: Sendable, Equatable {
    public var label: String
    public var value: Int
    public var title: String

    public init(label: String, value: Int, title: String) {
        self.label = label
        self.value = value
        self.title = title
    }
}

/// Small bar charts drawn on the server as inline SVG: no script, no styles (presentation
/// attributes only, which the newsroom's CSP allows), a `<title>` per bar for the pointer, and
/// the figures in the caption and an accessible name for screen readers.
public enum NewsroomCharts {
    /// A bar chart of `bars` (a week of days) headed `title`, `summary` under it.
    public static func bars(_ bars: [ChartBar], title: String, summary: String, width: Int = 280, height: Int = 96) -> HTML {
        let top = bars.map(\.value).max() ?? 0
        let plotTop = 14, plotBottom = height - 18
        let plot = plotBottom - plotTop
        let step = bars.isEmpty ? width : width / bars.count
        let barWidth = max(4, step - 6)
        let drawn: HTML = bars.enumerated().html { item in
            let (index, bar) = item
            let length = top == 0 ? 0 : Int((Double(bar.value) / Double(top) * Double(plot)).rounded())
            let x = index * step + (step - barWidth) / 2
            let y = plotBottom - max(length, bar.value > 0 ? 1 : 0)
            let peak: HTML = bar.value == top && top > 0
                ? "<text x=\"\(x + barWidth / 2)\" y=\"\(max(10, y - 3))\" text-anchor=\"middle\" font-size=\"10\" fill=\"currentColor\">\(bar.value)</text>"
                : .empty
            return """
            <g><title>\(bar.title): \(bar.value)</title>\
            <rect x="\(x)" y="\(y)" width="\(barWidth)" height="\(plotBottom - y)" fill="#1f6fb2"/>\
            <text x="\(x + barWidth / 2)" y="\(height - 4)" text-anchor="middle" font-size="10" fill="currentColor">\(bar.label)</text>\
            \(peak)</g>
            """
        }
        return """
        <figure class="chart">
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-label="\(title): \(summary)">\
        <line x1="0" y1="\(plotBottom)" x2="\(width)" y2="\(plotBottom)" stroke="#8c959f" stroke-width="1"/>\(drawn)</svg>
        <figcaption><strong>\(title)</strong> \(summary)</figcaption>
        </figure>
        """
    }
}

/// The phrases of the newsroom's charts.
public struct NewsroomChartStrings: Sendable {
    public let readsTitle, trafficTitle: String
    /// "1,234 reads in 7 days, 56 today".
    public let summary: @Sendable (_ total: Int, _ today: Int) -> String

    static let english = NewsroomChartStrings(
        readsTitle: "Reads, last 7 days (UTC)", trafficTitle: "Reads by edition, last 7 days (UTC)",
        summary: { "\(NumberText.grouped($0)) in 7 days, \(NumberText.grouped($1)) today" })

    static let russian = NewsroomChartStrings(
        readsTitle: "Прочтения за 7 дней (UTC)", trafficTitle: "Прочтения по изданиям за 7 дней (UTC)",
        summary: { "\(NumberText.grouped($0).replacingOccurrences(of: ",", with: "\u{00A0}")) за 7 дней, \(NumberText.grouped($1).replacingOccurrences(of: ",", with: "\u{00A0}")) сегодня" })
}

extension NewsroomStrings {
    /// The charts' phrases in this language.
    public var charts: NewsroomChartStrings { code == "ru" ? .russian : .english }
}

extension NewsroomCharts {
    /// A week of daily counts as bars labelled by day of the month, with its summary.
    public static func week(_ days: [(day: String, views: Int)], title: String, strings: NewsroomChartStrings) -> HTML {
        let bars = days.map { ChartBar(label: String($0.day.suffix(2)), value: $0.views, title: $0.day) }
        return NewsroomCharts.bars(bars, title: title, summary: strings.summary(days.reduce(0) { $0 + $1.views }, days.last?.views ?? 0))
    }
}
