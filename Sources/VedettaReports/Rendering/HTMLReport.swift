import Foundation
import VedettaCore

/// The report as one self-contained HTML page: inline CSS and SVG charts, no JavaScript, nothing fetched from
/// elsewhere, laid out to print on A4.
struct HTMLReport {
    let context: ReportContext

    init(_ context: ReportContext) {
        self.context = context
    }

    func render() -> String {
        let report = context.report
        let words = context.words
        var body = ""
        body += "<header><h1>\(escape(words.title))</h1><dl>"
        body += item(words.period, context.periodText(from: report.from, to: report.to))
        body += item(words.previousPeriod, context.periodText(from: report.previousFrom, to: report.from))
        body += item(words.timeZone, report.timeZone)
        body += item(words.severities, context.severitiesText + " · \(context.downtimeText)")
        body += item(words.businessHours, context.businessHoursText)
        body += item(words.generated, context.language.dateTime(context.generatedAt, in: context.zone))
        body += "</dl></header>\n"
        if !report.targets.isEmpty { body += targetsSection() }
        body += HTMLCharts(context: context).availabilityChart()
        body += groupsSection()
        body += HTMLCharts(context: context).weeklyRestoreChart()
        body += HTMLCharts(context: context).downtimeCalendar()
        body += rankedSection(words.topDevices, heading: words.device, report.topDevices)
        body += rankedSection(words.topRules, heading: words.rule, report.topRules)
        body += "<section class=\"definitions\"><h2>\(escape(words.definitions))</h2><ul>"
        body += words.definitionLines.map { "<li>\(escape($0))</li>" }.joined()
        body += "</ul></section>\n"
        return """
            <!DOCTYPE html>
            <html lang="\(context.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(words.title)) · \(escape(context.periodText(from: report.from, to: report.to)))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func item(_ term: String, _ value: String) -> String {
        "<dt>\(escape(term))</dt><dd>\(escape(value))</dd>"
    }

    private func targetsSection() -> String {
        let words = context.words
        var html = "<section><h2>\(escape(words.targets))</h2><table><thead><tr>"
        html += [words.target, words.goal, words.value, words.previousValue, words.verdict]
            .map { "<th>\(escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for target in context.report.targets {
            let verdictClass = target.met.map { $0 ? "met" : "missed" } ?? "none"
            html += "<tr><td>\(escape(target.name))<br><small>\(escape(context.figureText(target)))</small></td>"
            html += "<td class=\"num\">\(escape(context.goalText(target)))</td>"
            html += "<td class=\"num\">\(escape(context.valueText(target, target.value)))</td>"
            html += "<td class=\"num\">\(escape(context.valueText(target, target.previousValue)))</td>"
            html += "<td class=\"\(verdictClass)\">\(escape(context.verdictText(target)))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    private func groupsSection() -> String {
        let words = context.words
        let language = context.language
        let business = context.report.businessHours != nil
        var headings = [
            context.groupHeading, words.devices, words.incidents, words.plannedIncidents, words.mtta, words.mttr,
            "\(words.mttr) \(words.p90)", words.downtime, words.plannedDowntime, words.availability,
        ]
        if business { headings.append(words.businessAvailability) }
        var html = "<section><h2>\(escape(words.groupings[context.report.grouping] ?? ""))</h2><table class=\"groups\">"
        html += "<thead><tr>" + headings.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        /// A percentage with its change against the previous period below it.
        func availability(_ value: Double?, previous: Double?) -> String {
            "\(escape(language.percent(value)))<br><small>\(escape(language.pointChange(value, from: previous)))</small>"
        }
        func row(_ group: KPIReport.Group, name: String, total: Bool) -> String {
            var cells = [
                language.integer(group.devices), language.integer(group.incidents),
                language.integer(group.plannedIncidents), language.duration(group.timeToAcknowledge?.mean),
                language.duration(group.timeToRestore?.mean), language.duration(group.timeToRestore?.p90),
                language.duration(group.downtimeSeconds), language.duration(group.plannedDowntimeSeconds),
            ].map(escape)
            cells.append(availability(group.availability, previous: group.previous?.availability))
            if business {
                cells.append(availability(group.businessAvailability, previous: group.previous?.businessAvailability))
            }
            return "<tr\(total ? " class=\"total\"" : "")><td>\(escape(name))</td>"
                + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
        }
        for group in context.report.groups { html += row(group, name: context.name(of: group), total: false) }
        html += row(context.report.total, name: words.total, total: true)
        return html + "</tbody></table></section>\n"
    }

    private func rankedSection(_ title: String, heading: String, _ ranked: [KPIReport.Ranked]) -> String {
        guard !ranked.isEmpty else { return "" }
        let words = context.words
        var html = "<section class=\"half\"><h2>\(escape(title))</h2><table><thead><tr>"
        html += "<th>\(escape(heading))</th><th>\(escape(words.downtime))</th><th>\(escape(words.incidents))</th>"
        html += "</tr></thead><tbody>"
        for item in ranked {
            html += "<tr><td>\(escape(item.name))</td>"
            html += "<td class=\"num\">\(escape(context.language.duration(item.downtimeSeconds)))</td>"
            html += "<td class=\"num\">\(escape(context.language.integer(item.incidents)))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    static let style = """
        @page { size: A4; margin: 14mm; }
        * { box-sizing: border-box; }
        body { font: 10.5pt/1.4 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1d2330; margin: 0 auto; \
        max-width: 190mm; padding: 8mm 0; }
        h1 { font-size: 18pt; margin: 0 0 4pt; }
        h2 { font-size: 12.5pt; margin: 14pt 0 5pt; border-bottom: 1px solid #c8cdd6; padding-bottom: 2pt; }
        header dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 0; font-size: 9.5pt; }
        header dt { color: #5b6475; }
        header dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
        th, td { padding: 2.5pt 4pt; border-bottom: 1px solid #e3e6eb; text-align: left; vertical-align: top; }
        th { background: #f1f3f6; font-weight: 600; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.groups { font-size: 7.5pt; }
        table.groups th { font-size: 7pt; }
        tr.total td { font-weight: 700; border-top: 2px solid #1d2330; }
        td.met { color: #1a7f37; font-weight: 600; }
        td.missed { color: #c62828; font-weight: 700; }
        td.none { color: #5b6475; }
        small { color: #5b6475; }
        section { break-inside: avoid; page-break-inside: avoid; }
        section.half { display: inline-block; width: 49%; vertical-align: top; }
        svg { display: block; width: 100%; height: auto; }
        svg.calendar { width: auto; max-width: 100%; }
        svg text { font-family: inherit; font-size: 9px; fill: #1d2330; }
        .definitions { font-size: 8.5pt; color: #5b6475; }
        @media print { body { padding: 0; } }
        """
}

/// Escapes text for HTML content and attribute values.
func escape(_ text: String) -> String { text.htmlEscaped }
