public import Foundation

/// Writes a ``KPIReport`` in a format and a language.
public enum ReportRenderer {
    /// The report as text in `format`.
    ///
    /// - Parameters:
    ///   - report: The report.
    ///   - format: Text, CSV, JSON or HTML.
    ///   - language: The language of words, numbers and dates (JSON is language-neutral).
    ///   - generatedAt: When it was made, printed in the header.
    /// - Returns: The document.
    public static func render(
        _ report: KPIReport, format: ReportFormat, language: ReportLanguage, generatedAt: Date
    ) -> String {
        let context = ReportContext(report: report, language: language, generatedAt: generatedAt)
        switch format {
        case .text: return TextReport(context).render()
        case .csv: return CSVReport(context).render()
        case .json: return JSONReport.render(report)
        case .html: return HTMLReport(context).render()
        }
    }
}

/// What every renderer needs: the report, its words and zone.
struct ReportContext {
    let report: KPIReport
    let language: ReportLanguage
    let generatedAt: Date
    let zone: TimeZone

    init(report: KPIReport, language: ReportLanguage, generatedAt: Date) {
        self.report = report
        self.language = language
        self.generatedAt = generatedAt
        self.zone = TimeZone(identifier: report.timeZone) ?? .gmt
    }

    var words: ReportWords { language.words }

    /// A group's name as people read it.
    func name(of group: KPIReport.Group) -> String {
        guard let key = group.key else {
            return report.grouping == .category ? words.uncategorized : words.none
        }
        return key
    }

    /// The heading of the group column.
    var groupHeading: String { words.groupings[report.grouping] ?? report.grouping.rawValue }

    /// `1 November 2026 – 1 December 2026`: the end shown is the last instant's day when the period ends at
    /// midnight.
    func periodText(from: Date, to: Date) -> String {
        let lastDay = to - 0.001
        return language.longDate(from, in: zone) + " – " + language.longDate(max(from, lastDay), in: zone)
    }

    var severitiesText: String {
        report.severities?.map(severityName).joined(separator: ", ") ?? words.allSeverities
    }

    /// A severity in the report's language.
    func severityName(_ severity: String) -> String {
        words.severityNames[severity] ?? severity
    }

    /// `Incidents count … ≥ critical`, in the report's language.
    var downtimeText: String {
        "\(words.downtimeCounts) ≥ \(severityName(report.downtimeSeverity))"
    }

    /// `Mon–Sat 08:00-21:00 (Europe/Rome); holidays: 12-25`, or that there are none.
    var businessHoursText: String {
        guard let hours = report.businessHours else { return words.noBusinessHours }
        let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        var runs: [(first: Int, last: Int, hours: [String])] = []
        for day in hours.days {
            guard let index = codes.firstIndex(of: day.weekday) else { continue }
            if let last = runs.last, last.last == index - 1, last.hours == day.hours {
                runs[runs.count - 1].last = index
            } else {
                runs.append((index, index, day.hours))
            }
        }
        let days = runs.map { run in
            let name =
                run.first == run.last
                ? words.weekdayNames[run.first] : words.weekdayNames[run.first] + "–" + words.weekdayNames[run.last]
            return name + " " + run.hours.joined(separator: ", ")
        }
        var text = days.joined(separator: "; ") + " (\(hours.timeZone))"
        if !hours.holidays.isEmpty { text += "; \(words.holidays): " + hours.holidays.joined(separator: ", ") }
        return text
    }

    /// A target's goal as written: `≥ 99.900%` or `≤ 30 min (p90)`.
    func goalText(_ target: KPIReport.TargetResult) -> String {
        if target.figure.hasSuffix("availability") { return "≥ " + language.percent(target.goal) }
        let statistic = target.statistic.map { words.statistics[$0] ?? $0 }
        return "≤ " + language.duration(target.goal) + (statistic.map { " (\($0))" } ?? "")
    }

    /// A target's value as written.
    func valueText(_ target: KPIReport.TargetResult, _ value: Double?) -> String {
        target.figure.hasSuffix("availability") ? language.percent(value) : language.duration(value)
    }

    func verdictText(_ target: KPIReport.TargetResult) -> String {
        switch target.met {
        case true?: words.met
        case false?: words.missed
        case nil: words.notMeasured
        }
    }

    func figureText(_ target: KPIReport.TargetResult) -> String {
        words.figures[target.figure] ?? target.figure
    }
}
