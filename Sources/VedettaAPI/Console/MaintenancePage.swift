import Foundation
import VedettaAccess
import VedettaCore
import VedettaMaintenance

/// The maintenance page: the windows in progress, the agenda of the coming two weeks, and (for operators) a form
/// that schedules a window through the API with a preview of the devices it matches.
enum MaintenancePage {
    /// How far ahead the agenda looks.
    static let horizon: TimeInterval = 14 * 86_400

    static func body(windows: [MaintenanceWindow], caller: Principal?, language: ConsoleLanguage, at now: Date)
        -> String
    {
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
        html += "<h2>\(HTML.escape(text.agenda))</h2>"
        let interval = now..<now.addingTimeInterval(horizon)
        let occurrences = windows.flatMap { window in
            window.occurrences(overlapping: interval, limit: 100).map { (window, $0) }
        }.sorted { $0.1.start < $1.1.start }
        if occurrences.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noMaintenance))</p>"
        } else {
            html +=
                "<table class=\"list agenda\"><thead><tr><th>\(HTML.escape(text.from))</th><th>\(HTML.escape(text.to))</th>"
            html +=
                "<th>\(HTML.escape(text.reason))</th><th>\(HTML.escape(text.scope))</th><th></th></tr></thead><tbody>"
            for (window, occurrence) in occurrences.prefix(200) {
                let remove =
                    mayOperate && window.origin == .runtime
                    ? "<button type=\"button\" data-action=\"delete-window\" data-window=\"\(window.id)\">\(HTML.escape(text.remove))</button>"
                    : ""
                html +=
                    "<tr><td>\(HTML.time(occurrence.start))</td><td>\(HTML.time(occurrence.end))</td>"
                    + "<td>\(HTML.escape(window.definition.reason))</td>"
                    + "<td><code>\(HTML.escape(window.definition.scope.description))</code></td><td>\(remove)</td></tr>"
            }
            html += "</tbody></table>"
        }
        if mayOperate {
            html += """
                <form class="window" data-action="add-window">
                <h3>\(HTML.escape(text.scheduleMaintenance))</h3>
                <label>\(HTML.escape(text.scope)) <input name="match" required maxlength="500" placeholder='site="milano", role="pbx"'></label>
                <output id="scope-preview" class="quiet"></output>
                <label>\(HTML.escape(text.from)) <input name="start" type="datetime-local" required></label>
                <label>\(HTML.escape(text.duration)) <input name="duration" required maxlength="20" placeholder="2h"></label>
                <label>\(HTML.escape(text.repeats)) <input name="rrule" maxlength="200" placeholder="FREQ=WEEKLY;BYDAY=SU"></label>
                <label>\(HTML.escape(text.reason)) <input name="reason" required maxlength="500"></label>
                <button type="submit" class="primary">\(HTML.escape(text.scheduleMaintenance))</button>
                <p class="quiet">\(HTML.escape(text.maintenanceTimeHint))</p>
                </form>
                """
        }
        return html + "<p class=\"error\" id=\"action-error\" role=\"alert\" hidden></p>"
    }

    private static func describe(_ window: MaintenanceWindow, _ text: ConsoleText) -> String {
        "<strong>\(HTML.escape(window.definition.reason))</strong> <code>\(HTML.escape(window.definition.scope.description))</code>"
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
        let matched = targets.filter { target in
            scope.matches(LabelSet(target.labels.merging(["device": target.device]) { first, _ in first }))
        }.map(\.device).sorted()
        let names = matched.prefix(8).joined(separator: ", ") + (matched.count > 8 ? "…" : "")
        return [
            "count": String(matched.count),
            "text": "\(text.matches) \(matched.count) \(text.devices)" + (matched.isEmpty ? "" : ": \(names)"),
        ]
    }
}
