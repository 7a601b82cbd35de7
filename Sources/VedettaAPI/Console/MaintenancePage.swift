import Foundation
import VedettaAccess
import VedettaCore
import VedettaMaintenance

/// The maintenance page: the windows in progress, the calendar (a week, a month or a list of occurrences), and
/// (for operators) a form that schedules a window through the API with a preview of the devices it matches.
enum MaintenancePage {
    /// The page: what is in progress, the calendar (week, month or list) in the reader's zone, and the form.
    static func body(
        windows: [MaintenanceWindow], span: MaintenanceCalendarView.Span, day: LocalDateTime, zone: TimeZone,
        caller: Principal?, language: ConsoleLanguage, at now: Date
    ) -> String {
        let text = language.text
        let mayOperate = caller.map { $0.role.allows(.operator) } ?? false
        var html = "<h1>\(HTML.escape(text.maintenance))</h1>"
        html += "<p><a href=\"/api/v1/maintenance.ics\">\(HTML.escape(text.calendarFeed))</a></p>"
        let active = windows.filter { $0.state(at: now) == .active }
        html += "<h2>\(HTML.escape(text.maintenanceNow))</h2>"
        if active.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noMaintenance))</p>"
        } else {
            html += "<ul class=\"windows\">"
            for window in active {
                let end =
                    window.occurrence(containing: now).map { " · \(HTML.escape(text.until)) \(HTML.time($0.end))" }
                    ?? ""
                let button =
                    mayOperate
                    ? " <button type=\"button\" data-action=\"end-window\" data-window=\"\(window.id)\">\(HTML.escape(text.endNow))</button>"
                    : ""
                html += "<li>\(describe(window, text))\(end)\(button)</li>"
            }
            html += "</ul>"
        }
        html += MaintenanceCalendarView.section(
            windows: windows, span: span, day: day, zone: zone, language: language, at: now)
        if mayOperate {
            html += """
                <form class="window" data-action="add-window">
                <h3>\(HTML.escape(text.scheduleMaintenance))</h3>
                \(MaintenanceWindowPage.fields(nil, zone: zone, language: language))
                <button type="submit" class="primary">\(HTML.escape(text.scheduleMaintenance))</button>
                <p class="quiet">\(HTML.escape(text.maintenanceTimeHint))</p>
                </form>
                """
        }
        return html + "<p class=\"error\" id=\"action-error\" role=\"alert\" hidden></p>"
    }

    private static func describe(_ window: MaintenanceWindow, _ text: ConsoleText) -> String {
        "<a href=\"/console/maintenance/\(window.id)\"><strong>\(HTML.escape(window.definition.reason))</strong></a> <code>\(HTML.escape(window.definition.scope.description))</code>"
            + " · \(HTML.escape(window.createdBy))"
    }

    /// The devices a scope matches: how many, and the first few names.
    static func preview(_ match: String, targets: [DiscoveryTarget], language: ConsoleLanguage) -> [String: String] {
        let text = language.text
        let scope: MaintenanceScope
        do {
            scope = try MaintenanceScope.parse(match)
        } catch {
            return ["error": "\(error)"]
        }
        let matched = matched(scope, targets: targets)
        let names = matched.prefix(8).joined(separator: ", ") + (matched.count > 8 ? "…" : "")
        return [
            "count": String(matched.count),
            "text": "\(text.matches) \(matched.count) \(text.devices)" + (matched.isEmpty ? "" : ": \(names)"),
        ]
    }

    /// The devices `scope` matches, by name.
    static func matched(_ scope: MaintenanceScope, targets: [DiscoveryTarget]) -> [String] {
        targets.filter { target in
            scope.matches(LabelSet(target.labels.merging(["device": target.device]) { first, _ in first }))
        }.map(\.device).sorted()
    }
}
