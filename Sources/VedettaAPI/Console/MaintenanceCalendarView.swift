import Foundation
import VedettaMaintenance

/// The maintenance calendar: a week or a month of days, each listing the occurrences of the windows that overlap
/// it, or the list of a fortnight's occurrences; days are cut in the reader's time zone.
enum MaintenanceCalendarView {
    /// What the calendar shows.
    enum Span: String, CaseIterable {
        /// Monday to Sunday, one column per day.
        case week
        /// The whole weeks that cover a month.
        case month
        /// The occurrences of fourteen days, one row each.
        case list
    }

    /// The occurrences a day of the month view lists before a link to its week.
    static let entriesPerMonthDay = 4
    /// The days of the list.
    static let listDays = 14
    /// The most occurrences one window contributes to one calendar page.
    static let occurrencesPerWindow = 500

    /// The calendar section of the maintenance page.
    /// - Parameters:
    ///   - windows: The windows to show (deleted ones are not).
    ///   - span: Week, month or list.
    ///   - day: A day of the period shown (midnight).
    ///   - zone: The reader's zone, whose midnights cut the days.
    static func section(
        windows: [MaintenanceWindow], span: Span, day: LocalDateTime, zone: TimeZone, language: ConsoleLanguage,
        at now: Date
    ) -> String {
        let words = language.maintenanceWords
        let days = self.days(span, around: day)
        guard let first = days.first, let last = days.last else { return "" }
        let interval = first.instant(in: zone)..<last.addingDays(1).instant(in: zone)
        let entries = windows.flatMap { window in
            window.occurrences(overlapping: interval, limit: occurrencesPerWindow).map { (window, $0) }
        }.sorted { ($0.1.start, $0.0.id) < ($1.1.start, $1.0.id) }
        var html = "<section class=\"calendar\" data-zone=\"\(HTML.escape(zone.identifier))\">"
        html += navigation(span: span, day: day, days: days, zone: zone, words: words)
        switch span {
        case .week, .month:
            html += grid(span: span, month: day.month, days: days, entries: entries, zone: zone, words: words, at: now)
        case .list:
            html += list(entries, language: language, at: now)
        }
        return html + "</section>"
    }

    /// The days `span` shows around `day`.
    static func days(_ span: Span, around day: LocalDateTime) -> [LocalDateTime] {
        let midnight = day.at(hour: 0, minute: 0)
        switch span {
        case .list:
            return (0..<listDays).map { midnight.addingDays($0) }
        case .week:
            let monday = midnight.addingDays(1 - midnight.weekday.rawValue)
            return (0..<7).map { monday.addingDays($0) }
        case .month:
            let firstOfMonth = midnight.addingDays(1 - midnight.day)
            var monday = firstOfMonth.addingDays(1 - firstOfMonth.weekday.rawValue)
            var days: [LocalDateTime] = []
            repeat {
                days += (0..<7).map { monday.addingDays($0) }
                monday = monday.addingDays(7)
            } while monday.month == midnight.month && monday.year == midnight.year
            return days
        }
    }

    /// The day a `day=` parameter names (`2026-12-05`), or `nil`.
    static func day(_ text: String?) -> LocalDateTime? {
        guard let text, text.count == 10, let time = LocalDateTime.parse(text + "T00:00"),
            LocalDateTime.typedYears.contains(time.year)
        else { return nil }
        return time
    }

    /// `2026-12-05`.
    static func dayParameter(_ day: LocalDateTime) -> String { String(day.description.prefix(10)) }

    /// The title, the previous/today/next links and the switch between week, month and list.
    private static func navigation(
        span: Span, day: LocalDateTime, days: [LocalDateTime], zone: TimeZone, words: MaintenanceWords
    ) -> String {
        let (previous, next): (LocalDateTime, LocalDateTime)
        switch span {
        case .week:
            (previous, next) = (day.addingDays(-7), day.addingDays(7))
        case .list:
            (previous, next) = (day.addingDays(-listDays), day.addingDays(listDays))
        case .month:
            let firstOfMonth = day.addingDays(1 - day.day)
            let later = firstOfMonth.addingDays(32)
            (previous, next) = (firstOfMonth.addingDays(-1), later.addingDays(1 - later.day))
        }
        func link(_ span: Span, _ day: LocalDateTime?, _ label: String, current: Bool = false) -> String {
            let query = "?view=\(span.rawValue)" + (day.map { "&amp;day=\(dayParameter($0))" } ?? "")
            return
                "<a href=\"\(query)\"\(current ? " class=\"active\" aria-current=\"true\"" : "")>\(HTML.escape(label))</a>"
        }
        var html =
            "<div class=\"calendar-head\"><h2>\(HTML.escape(title(span, day: day, days: days, words: words)))</h2>"
        html += "<nav class=\"calendar-nav\">"
        html += link(span, previous, "‹ " + words.previous) + link(span, nil, words.today)
        html += link(span, next, words.next + " ›") + "<span class=\"separator\"></span>"
        html += link(.week, day, words.week, current: span == .week)
        html += link(.month, day, words.month, current: span == .month)
        html += link(.list, day, words.list, current: span == .list)
        html += "</nav><p class=\"quiet\">\(HTML.escape(words.timesIn)) \(HTML.escape(zone.identifier))</p></div>"
        return html
    }

    /// `dicembre 2026`, `30 novembre – 6 dicembre 2026`.
    private static func title(_ span: Span, day: LocalDateTime, days: [LocalDateTime], words: MaintenanceWords)
        -> String
    {
        func name(_ day: LocalDateTime, year: Bool) -> String {
            "\(day.day) \(words.months[day.month - 1])" + (year ? " \(day.year)" : "")
        }
        guard span != .month else { return "\(words.months[day.month - 1]) \(day.year)" }
        guard let first = days.first, let last = days.last else { return "" }
        return "\(name(first, year: first.year != last.year)) – \(name(last, year: true))"
    }

    /// The week or month as a table of days.
    private static func grid(
        span: Span, month: Int, days: [LocalDateTime], entries: [(MaintenanceWindow, Occurrence)], zone: TimeZone,
        words: MaintenanceWords, at now: Date
    ) -> String {
        let today = LocalDateTime(now, in: zone).at(hour: 0, minute: 0)
        var html = "<table class=\"calendar-grid \(span.rawValue)\"><thead><tr>"
        html += words.weekdays.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, day) in days.enumerated() {
            if index % 7 == 0 { html += "<tr>" }
            let start = day.instant(in: zone)
            let end = day.addingDays(1).instant(in: zone)
            let mine = entries.filter { $0.1.start < end && $0.1.end > start }
            var classes = ["day"]
            if day == today { classes.append("today") }
            if span == .month && day.month != month { classes.append("outside") }
            html += "<td class=\"\(classes.joined(separator: " "))\">"
            html +=
                "<a class=\"date\" href=\"?view=week&amp;day=\(dayParameter(day))\">\(span == .week ? "\(day.day) \(HTML.escape(words.months[day.month - 1]))" : "\(day.day)")</a>"
            let shown = span == .month ? Array(mine.prefix(entriesPerMonthDay)) : mine
            if !shown.isEmpty {
                html += "<ul>"
                for (window, occurrence) in shown {
                    html += entry(window, occurrence, day: start..<end, zone: zone, words: words, at: now)
                }
                html += "</ul>"
            }
            if mine.count > shown.count {
                html +=
                    "<a class=\"more\" href=\"?view=week&amp;day=\(dayParameter(day))\">+\(mine.count - shown.count) \(HTML.escape(words.more))</a>"
            }
            html += "</td>"
            if index % 7 == 6 { html += "</tr>" }
        }
        return html + "</tbody></table>"
    }

    /// One occurrence in a day: its hours within the day (`…` where it goes on before or after), why, and a link
    /// to its window.
    private static func entry(
        _ window: MaintenanceWindow, _ occurrence: Occurrence, day: Range<Date>, zone: TimeZone,
        words: MaintenanceWords, at now: Date
    ) -> String {
        func clock(_ instant: Date) -> String {
            let local = LocalDateTime(instant, in: zone)
            return String(format: "%02d:%02d", local.hour, local.minute)
        }
        let from = occurrence.start >= day.lowerBound ? clock(occurrence.start) : "…"
        let to = occurrence.end <= day.upperBound ? clock(occurrence.end) : "…"
        let state = self.state(of: occurrence, at: now)
        return "<li class=\"entry \(state.rawValue)\"><a href=\"/console/maintenance/\(window.id)\" "
            + "title=\"\(HTML.escape(window.definition.scope.description)) · \(HTML.escape(words.stateNames[state.rawValue] ?? state.rawValue))\">"
            + "<span class=\"hours\">\(from)–\(to)</span> \(HTML.escape(window.definition.reason))</a></li>"
    }

    /// The occurrences as rows: from, to, why, which devices.
    private static func list(_ entries: [(MaintenanceWindow, Occurrence)], language: ConsoleLanguage, at now: Date)
        -> String
    {
        let text = language.text
        guard !entries.isEmpty else { return "<p class=\"quiet\">\(HTML.escape(text.noMaintenance))</p>" }
        var html =
            "<table class=\"list agenda\"><thead><tr><th>\(HTML.escape(text.from))</th><th>\(HTML.escape(text.to))</th>"
        html += "<th>\(HTML.escape(text.reason))</th><th>\(HTML.escape(text.scope))</th></tr></thead><tbody>"
        for (window, occurrence) in entries.prefix(200) {
            html +=
                "<tr class=\"\(state(of: occurrence, at: now).rawValue)\"><td>\(HTML.time(occurrence.start))</td><td>\(HTML.time(occurrence.end))</td>"
                + "<td><a href=\"/console/maintenance/\(window.id)\">\(HTML.escape(window.definition.reason))</a></td>"
                + "<td><code>\(HTML.escape(window.definition.scope.description))</code></td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// Where one occurrence stands at `now`: over, in progress, or to come.
    private static func state(of occurrence: Occurrence, at now: Date) -> MaintenanceState {
        occurrence.end <= now ? .over : occurrence.contains(now) ? .active : .upcoming
    }
}
