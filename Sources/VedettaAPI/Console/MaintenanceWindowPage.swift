import Foundation
import VedettaAccess
import VedettaCore
import VedettaMaintenance

/// One maintenance window's page: its fields, its occurrences, its history, and (for operators) ending it early,
/// extending it, changing it and deleting it, each through the API.
enum MaintenanceWindowPage {
    /// The occurrences listed after the one in progress.
    static let upcoming = 6

    /// The page of `window`, whose scope matches `matched` devices now.
    static func body(
        window: MaintenanceWindow, audit: [MaintenanceAuditEntry], matched: [String], caller: Principal?,
        language: ConsoleLanguage, at now: Date
    ) -> String {
        let (text, words) = (language.text, language.maintenanceWords)
        let view = MaintenanceWindowView(window, at: now, upcoming: upcoming)
        let state = window.deletedAt == nil ? view.state : "deleted"
        var html = "<p><a href=\"/console/maintenance\">← \(HTML.escape(text.maintenance))</a></p>"
        html += "<h1>\(HTML.escape(words.window)) \(window.id): \(HTML.escape(window.definition.reason))</h1>"
        html += "<p><span class=\"badge \(state)\">\(HTML.escape(words.stateNames[state] ?? state))</span></p>"
        html += facts(view, matched: matched, text: text, words: words)
        html += occurrences(view, words: words)
        let mayOperate = (caller.map { $0.role.allows(.operator) } ?? false) && window.deletedAt == nil
        if mayOperate { html += actions(window, view: view, language: language) }
        html += history(audit, words: words)
        return html + "<p class=\"error\" id=\"action-error\" role=\"alert\" hidden></p>"
    }

    /// The fields of a window's form, filled from `view` when it changes an existing window: scope (with the live
    /// preview), start, time zone, duration, recurrence, reason.
    static func fields(_ view: MaintenanceWindowView?, zone: TimeZone, language: ConsoleLanguage) -> String {
        let (text, words) = (language.text, language.maintenanceWords)
        func value(_ text: String?) -> String { text.map { " value=\"\(HTML.escape($0))\"" } ?? "" }
        return """
            <label>\(HTML.escape(text.scope)) <input name="match" required maxlength="500" placeholder='site="milano", role="pbx"'\(value(view?.match))></label>
            <output id="scope-preview" class="quiet"></output>
            <label>\(HTML.escape(text.from)) <input name="start" type="datetime-local" step="1" required\(value(view?.start))></label>
            <label>\(HTML.escape(words.timeZone)) <input name="time_zone" required maxlength="64"\(value(view?.timeZone ?? zone.identifier))></label>
            <label>\(HTML.escape(text.duration)) <input name="duration" required maxlength="20" placeholder="2h"\(value(view?.duration))></label>
            <label>\(HTML.escape(text.repeats)) <input name="rrule" maxlength="200" placeholder="FREQ=WEEKLY;BYDAY=SU"\(value(view.map { $0.rrule ?? "" }))></label>
            <label>\(HTML.escape(text.reason)) <input name="reason" required maxlength="500"\(value(view?.reason))></label>
            """
    }

    /// What the window is: scope and the devices it matches, schedule, origin, who made it.
    private static func facts(
        _ view: MaintenanceWindowView, matched: [String], text: ConsoleText, words: MaintenanceWords
    )
        -> String
    {
        let names = matched.prefix(20).map(HTML.escape).joined(separator: ", ") + (matched.count > 20 ? "…" : "")
        var html = "<dl class=\"facts\">"
        html += "<dt>\(HTML.escape(text.scope))</dt><dd><code>\(HTML.escape(view.match))</code>"
        html += " <span class=\"quiet\">\(HTML.escape(text.matches)) \(matched.count) \(HTML.escape(text.devices))"
        html += matched.isEmpty ? "" : ": \(names)"
        html += "</span></dd>"
        html += "<dt>\(HTML.escape(text.from))</dt><dd>\(HTML.escape(view.start)) (\(HTML.escape(view.timeZone)))</dd>"
        html += "<dt>\(HTML.escape(text.duration))</dt><dd>\(HTML.escape(view.duration))</dd>"
        html +=
            "<dt>\(HTML.escape(text.repeats))</dt><dd>\(view.rrule.map { "<code>\(HTML.escape($0))</code>" } ?? HTML.escape(words.once))</dd>"
        if !view.exdates.isEmpty {
            html +=
                "<dt>\(HTML.escape(words.exceptions))</dt><dd>\(view.exdates.map(HTML.escape).joined(separator: ", "))</dd>"
        }
        html += "<dt>\(HTML.escape(words.origin))</dt><dd>\(HTML.escape(view.origin))</dd>"
        html +=
            "<dt>\(HTML.escape(words.createdBy))</dt><dd>\(HTML.escape(view.createdBy)), \(HTML.time(view.createdAt))</dd>"
        html += "<dt>\(HTML.escape(words.changedAt))</dt><dd>\(HTML.time(view.updatedAt))</dd>"
        return html + "</dl>"
    }

    /// The occurrence in progress and the next ones.
    private static func occurrences(_ view: MaintenanceWindowView, words: MaintenanceWords) -> String {
        var html = "<h2>\(HTML.escape(words.nextOccurrences))</h2>"
        let all = (view.current.map { [$0] } ?? []) + view.next
        guard !all.isEmpty else { return html + "<p class=\"quiet\">\(HTML.escape(words.noOccurrences))</p>" }
        html += "<ul class=\"occurrences\">"
        for occurrence in all {
            let current = occurrence == view.current
            html +=
                "<li\(current ? " class=\"active\"" : "")>\(HTML.time(occurrence.start)) – \(HTML.time(occurrence.end))"
                + " <span class=\"quiet\">(\(HTML.escape(occurrence.startLocal)) – \(HTML.escape(occurrence.endLocal)) \(HTML.escape(view.timeZone)))</span>"
                + (current ? " <strong>\(HTML.escape(words.stateNames["active"] ?? ""))</strong>" : "") + "</li>"
        }
        return html + "</ul>"
    }

    /// End now and extend (while in progress); change and delete (a window made at run time).
    private static func actions(_ window: MaintenanceWindow, view: MaintenanceWindowView, language: ConsoleLanguage)
        -> String
    {
        let (text, words) = (language.text, language.maintenanceWords)
        var html = ""
        if view.current != nil {
            html += "<div class=\"actions\">"
            html +=
                "<button type=\"button\" data-action=\"end-window\" data-window=\"\(window.id)\">\(HTML.escape(text.endNow))</button>"
            html += "<form class=\"inline\" data-action=\"extend-window\" data-window=\"\(window.id)\">"
            html +=
                "<label>\(HTML.escape(words.extendBy)) <input name=\"duration\" value=\"30m\" required maxlength=\"20\" size=\"6\"></label>"
            html += "<button type=\"submit\">\(HTML.escape(words.extend))</button></form></div>"
        }
        guard window.origin == .runtime else {
            return html
                + "<p class=\"quiet\">\(HTML.escape(words.fromFile)) <code>\(HTML.escape(view.origin))</code></p>"
        }
        html += """
            <form class="window" data-action="edit-window" data-window="\(window.id)">
            <h3>\(HTML.escape(words.edit))</h3>
            \(fields(view, zone: window.definition.schedule.zone, language: language))
            <button type="submit" class="primary">\(HTML.escape(text.save))</button>
            <p class="quiet">\(HTML.escape(words.startHint))</p>
            </form>
            <p><button type="button" class="danger" data-action="delete-window" data-window="\(window.id)" data-confirm="\(HTML.escape(words.confirmDelete))">\(HTML.escape(words.delete))</button></p>
            """
        return html
    }

    /// Who did what to the window, oldest first.
    private static func history(_ audit: [MaintenanceAuditEntry], words: MaintenanceWords) -> String {
        var html = "<h2>\(HTML.escape(words.history))</h2>"
        guard !audit.isEmpty else { return html + "<p class=\"quiet\">\(HTML.escape(words.none))</p>" }
        html += "<table class=\"list\"><tbody>"
        for entry in audit.sorted(by: { $0.at < $1.at }) {
            let action = entry.action.rawValue
            html +=
                "<tr><td>\(HTML.time(entry.at))</td><td>\(HTML.escape(words.actionNames[action] ?? action))</td>"
                + "<td>\(HTML.escape(entry.by))</td><td>\(HTML.escape(entry.detail))</td></tr>"
        }
        return html + "</tbody></table>"
    }
}
