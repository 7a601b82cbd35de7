import Foundation
import VedettaCore

/// One series of a device over the last hours (`/console/devices/{name}/chart?series=`): its chart, its lowest,
/// mean, highest and latest values, and its points.
enum DeviceChartPage {
    /// The link to the chart of `key` on `device`'s page.
    static func link(device: String, key: SeriesKey) -> String {
        "/console/devices/\(HTML.urlComponent(device))/chart?series=\(HTML.urlComponent(key.description))"
    }

    /// The page of `history` (`nil`: nothing recorded yet for `series`).
    static func body(
        device: String, series: String, history: SeriesHistory?, span: SeriesChart.Span, zone: TimeZone,
        language: ConsoleLanguage
    ) -> String {
        let words = language.chartWords
        var html =
            "<p><a href=\"/console/devices/\(HTML.escape(HTML.urlComponent(device)))\">← \(HTML.escape(words.backToDevice)) "
            + "\(HTML.escape(device))</a></p>"
        html += "<h1 class=\"series-title\"><code>\(HTML.escape(series))</code></h1>"
        guard let history, !history.points.isEmpty else {
            return html + "<p class=\"quiet\">\(HTML.escape(words.noHistory))</p>"
        }
        let unit = history.kind == .counter ? " " + words.perSecond : ""
        html += "<p class=\"quiet\">\(HTML.escape(words.onePointEvery)) "
        html += "\(HTML.escape(Duration.seconds(span.step).compactDescription)): "
        html += HTML.escape(history.kind == .counter ? words.counterMeaning : words.gaugeMeaning)
        html += " \(HTML.escape(words.timesIn)) <strong>\(HTML.escape(zone.identifier))</strong>.</p>"
        html += SeriesChart.chart(history, span: span, zone: zone, title: series + unit)
        let values = history.points.map(\.value)
        let mean = values.reduce(0, +) / Double(values.count)
        let facts: [(String, Double)] = [
            (words.latest, values[values.count - 1]), (words.lowest, values.min() ?? 0), (words.mean, mean),
            (words.highest, values.max() ?? 0),
        ]
        html += "<dl class=\"facts\">"
        for (name, value) in facts {
            html += "<dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(SeriesChart.compact(value) + unit))</dd>"
        }
        html += "</dl><table class=\"list points\"><thead><tr><th>\(HTML.escape(words.time))</th>"
        html += "<th>\(HTML.escape(language.text.value))\(HTML.escape(unit))</th></tr></thead><tbody>"
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = span.step < 60 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"  // steps under a minute
        for point in history.points.reversed() {
            html += "<tr><td>\(formatter.string(from: point.time))</td>"
            html += "<td class=\"number\">\(HTML.escape(SeriesChart.compact(point.value)))</td></tr>"
        }
        return html + "</tbody></table>"
    }
}
