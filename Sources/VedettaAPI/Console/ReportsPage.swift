import Foundation
import VedettaReports

/// The reports page: choose a period and a grouping, read the KPI figures against their targets, and download
/// the report as HTML (with its charts) or CSV from the API.
enum ReportsPage {
    static let periods = ReportPeriod.names
    static let groupings = ReportGrouping.allCases.map(\.rawValue)

    static func body(
        period: String, grouping: String, report: String?, refusal: String?, language: ConsoleLanguage
    ) -> String {
        let text = language.text
        func options(_ values: [String], _ chosen: String, names: [String: String] = [:]) -> String {
            values.map { value in
                "<option value=\"\(HTML.escape(value))\"\(value == chosen ? " selected" : "")>\(HTML.escape(names[value] ?? value))</option>"
            }.joined()
        }
        var html = "<h1>\(HTML.escape(text.reports))</h1><form class=\"filters\" method=\"get\">"
        html +=
            "<label>\(HTML.escape(text.period)) <select name=\"period\">\(options(periods, period, names: text.periodNames))</select></label>"
        html +=
            "<label>\(HTML.escape(text.groupBy)) <select name=\"group_by\">\(options(groupings, grouping, names: text.groupingNames))</select></label>"
        html += "<button type=\"submit\">\(HTML.escape(text.show))</button></form>"
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "period", value: period), URLQueryItem(name: "group_by", value: grouping),
            URLQueryItem(name: "lang", value: language.rawValue),
        ]
        let base = "/api/v1/reports?" + (query.percentEncodedQuery ?? "")
        html +=
            "<p class=\"downloads\"><a href=\"\(HTML.escape(base + "&format=html"))\" target=\"_blank\" rel=\"noopener\">"
            + "\(HTML.escape(text.openHTML))</a> · <a href=\"\(HTML.escape(base + "&format=csv"))\" download=\"vedetta-report-\(HTML.escape(period)).csv\">"
            + "\(HTML.escape(text.downloadCSV))</a> · <a href=\"\(HTML.escape(base + "&format=json"))\">JSON</a></p>"
        if let refusal { html += "<p class=\"error\" role=\"alert\">\(HTML.escape(refusal))</p>" }
        if let report { html += "<pre class=\"report\">\(HTML.escape(report))</pre>" }
        return html
    }
}
