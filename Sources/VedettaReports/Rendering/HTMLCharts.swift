import Foundation
import VedettaMaintenance

/// The SVG charts of the HTML report: availability per group against its target, mean time to restore per week,
/// and a calendar of downtime per day.
struct HTMLCharts {
    let context: ReportContext

    private var report: KPIReport { context.report }
    private var usesBusinessHours: Bool { report.businessHours != nil }

    /// One bar per group (at most 40, the least available) with a line at the group's availability target.
    func availabilityChart() -> String {
        let words = context.words
        let measured = report.groups.compactMap { group -> (name: String, value: Double, goal: Double?)? in
            guard let value = usesBusinessHours ? group.businessAvailability : group.availability else { return nil }
            return (context.name(of: group), value, goal(for: group))
        }
        guard !measured.isEmpty else { return "" }
        let shown = Array(measured.sorted { $0.value < $1.value }.prefix(40)).sorted { $0.name < $1.name }
        let lowest = shown.flatMap { [$0.value] + ($0.goal.map { [$0] } ?? []) }.min() ?? 100
        let floor = [99.9, 99.5, 99, 98, 95, 90, 80, 50, 0].first { $0 < lowest - 0.0001 } ?? 0
        let rowHeight = 16
        let labelWidth = 170
        let barWidth = 420
        let height = shown.count * rowHeight + 22
        var svg = "<svg viewBox=\"0 0 680 \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        for (index, row) in shown.enumerated() {
            let y = index * rowHeight
            let width = Double(barWidth) * max(0, row.value - floor) / (100 - floor)
            let missed = row.goal.map { row.value < $0 } ?? false
            svg += "<text x=\"0\" y=\"\(y + 11)\">\(escape(Self.shorten(row.name, to: 34)))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"11\" fill=\"#eef0f3\"/>"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(Self.format(width))\" height=\"11\" "
                + "fill=\"\(missed ? "#d9534f" : "#3b8f5a")\"><title>\(escape(row.name)): "
                + "\(escape(context.language.percent(row.value)))</title></rect>"
            if let goal = row.goal, goal >= floor {
                let x = Double(labelWidth) + Double(barWidth) * (goal - floor) / (100 - floor)
                svg +=
                    "<line x1=\"\(Self.format(x))\" x2=\"\(Self.format(x))\" y1=\"\(y)\" y2=\"\(y + rowHeight)\" "
                    + "stroke=\"#1d2330\" stroke-width=\"2\"><title>\(escape(words.target)) "
                    + "\(escape(context.language.percent(goal)))</title></line>"
            }
            svg +=
                "<text x=\"\(labelWidth + barWidth + 8)\" y=\"\(y + 11)\">"
                + "\(escape(context.language.percent(row.value)))</text>"
        }
        let axisY = shown.count * rowHeight + 14
        svg += "<text x=\"\(labelWidth)\" y=\"\(axisY)\">\(escape(context.language.percent(floor)))</text>"
        svg +=
            "<text x=\"\(labelWidth + barWidth)\" y=\"\(axisY)\" text-anchor=\"end\">"
            + "\(escape(context.language.percent(100)))</text></svg>"
        let note = measured.count > shown.count ? "<p><small>\(shown.count) / \(measured.count)</small></p>" : ""
        return "<section><h2>\(escape(title))</h2>\(svg)\(note)</section>\n"
    }

    private var title: String {
        usesBusinessHours ? context.words.businessAvailability : context.words.availability
    }

    /// The availability goal that applies to a group: the highest of the targets of the chart's hours that cover
    /// every device (no `match`) or exactly this group (`match` on the grouping's label with the group's key).
    private func goal(for group: KPIReport.Group) -> Double? {
        let figure = usesBusinessHours ? "business_availability" : "availability"
        let label = report.grouping.label
        let goals = report.targets.compactMap { target -> Double? in
            guard target.figure == figure else { return nil }
            if target.match.isEmpty { return target.goal }
            guard let label, let key = group.key, target.match == [label: key] else { return nil }
            return target.goal
        }
        return goals.max()
    }

    /// Bars of the mean time to restore of the incidents that began each week.
    func weeklyRestoreChart() -> String {
        let weeks = report.weeks
        let maximum = weeks.compactMap(\.meanTimeToRestore).max() ?? 0
        guard maximum > 0 else { return "" }
        let words = context.words
        let chartHeight = 120.0
        let slot = min(60.0, 600.0 / Double(weeks.count))
        var svg =
            "<svg viewBox=\"0 0 680 \(Int(chartHeight) + 40)\" role=\"img\" aria-label=\"\(escape(words.mttrTrend))\">"
        svg += "<text x=\"0\" y=\"10\">\(escape(context.language.duration(maximum)))</text>"
        svg +=
            "<line x1=\"60\" x2=\"680\" y1=\"\(Self.format(chartHeight + 8))\" y2=\"\(Self.format(chartHeight + 8))\" "
            + "stroke=\"#c8cdd6\"/>"
        let labelEvery = max(1, Int((40.0 / slot).rounded(.up)))
        for (index, week) in weeks.enumerated() {
            let x = 64 + Double(index) * slot
            if let value = week.meanTimeToRestore {
                let height = max(1, chartHeight * value / maximum)
                svg +=
                    "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(chartHeight + 8 - height))\" "
                    + "width=\"\(Self.format(slot * 0.7))\" height=\"\(Self.format(height))\" fill=\"#4a6fa5\">"
                    + "<title>\(escape(words.week)) \(escape(context.language.day(week.start))): "
                    + "\(escape(context.language.duration(value))) (\(week.incidents))</title></rect>"
            }
            if index % labelEvery == 0 {
                svg +=
                    "<text x=\"\(Self.format(x))\" y=\"\(Self.format(chartHeight + 24))\">"
                    + "\(escape(Self.dayMonth(week.start)))</text>"
            }
        }
        svg += "</svg>"
        return "<section><h2>\(escape(words.mttrTrend))</h2>\(svg)</section>\n"
    }

    /// A calendar heat map: one column per week, one row per weekday, darker for more downtime.
    func downtimeCalendar() -> String {
        let days = report.days
        guard let first = days.first, let firstDate = Self.localDate(first.date) else { return "" }
        let words = context.words
        let maximum = days.map(\.downtimeSeconds).max() ?? 0
        let cell = 11
        let offset = firstDate.weekday.rawValue - 1
        let columns = (offset + days.count + 6) / 7
        let width = max(24 + columns * (cell + 2), 80)  // room for a month name over a single week
        let height = 7 * (cell + 2) + 16
        // Drawn at 1.5 times its natural size: a year fills the page width, a week stays small.
        var svg =
            "<svg class=\"calendar\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width * 3 / 2)\" "
            + "height=\"\(height * 3 / 2)\" role=\"img\" aria-label=\"\(escape(words.downtimeCalendar))\">"
        for (row, initial) in words.weekdayInitials.enumerated() where row % 2 == 0 {
            svg += "<text x=\"0\" y=\"\(14 + row * (cell + 2) + 9)\">\(escape(initial))</text>"
        }
        var lastMonth = ""
        for (index, day) in days.enumerated() {
            let position = offset + index
            let x = 24 + (position / 7) * (cell + 2)
            let y = 14 + (position % 7) * (cell + 2)
            let month = String(day.date.dropFirst(5).prefix(2))
            if month != lastMonth, position % 7 == 0 || index == 0, let number = Int(month) {
                svg += "<text x=\"\(x)\" y=\"10\">\(escape(String(words.months[number - 1].prefix(3))))</text>"
                lastMonth = month
            }
            svg +=
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"2\" "
                + "fill=\"\(Self.shade(day.downtimeSeconds, maximum: maximum))\"><title>"
                + "\(escape(context.language.day(day.date))): \(escape(context.language.duration(day.downtimeSeconds)))"
                + "</title></rect>"
        }
        svg += "</svg>"
        return "<section><h2>\(escape(words.downtimeCalendar))</h2>\(svg)</section>\n"
    }

    private static func shade(_ value: Double, maximum: Double) -> String {
        guard value > 0, maximum > 0 else { return "#ebedf0" }
        let share = value / maximum
        if share > 0.75 { return "#b71c1c" }
        if share > 0.5 { return "#e53935" }
        if share > 0.25 { return "#ef8a62" }
        return "#fbc4a4"
    }

    private static func localDate(_ text: String) -> LocalDateTime? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return LocalDateTime(year: parts[0], month: parts[1], day: parts[2])
    }

    private static func dayMonth(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3 else { return isoDate }
        return "\(parts[2])/\(parts[1])"
    }

    private static func shorten(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
