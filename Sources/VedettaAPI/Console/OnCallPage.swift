import Foundation
import VedettaAccess
import VedettaOnCall

/// The on-call page: who is on call now, each schedule's shifts for the coming two weeks, the substitutions,
/// and (for operators) the form that adds one through the API.
enum OnCallPage {
    /// How far ahead the shift grid looks.
    static let horizon: TimeInterval = 14 * 86_400

    static func body(
        roster: OnCallRoster, now onCall: [OnCallNow], shifts: [String: [Shift]], substitutions: [Substitution],
        caller: Principal?, language: ConsoleLanguage
    ) -> String {
        let text = language.text
        func person(_ name: String?) -> String {
            guard let name else { return text.nobodyOnCall }
            return roster.person(name)?.fullName ?? name
        }
        var html = "<h1>\(HTML.escape(text.onCall))</h1><h2>\(HTML.escape(text.onCallNow))</h2>"
        if onCall.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.nobodyOnCall))</p>"
        } else {
            html += "<ul class=\"oncall-now\">"
            for entry in onCall {
                let until = entry.until.map { " · \(HTML.escape(text.until)) \(HTML.time($0))" } ?? ""
                html +=
                    "<li><span class=\"schedule\">\(HTML.escape(entry.schedule.name))</span> "
                    + "<strong>\(HTML.escape(entry.person?.fullName ?? text.nobodyOnCall))</strong>\(until)</li>"
            }
            html += "</ul>"
        }
        for schedule in roster.schedules {
            html +=
                "<h2>\(HTML.escape(schedule.name)) <span class=\"quiet\">\(HTML.escape(schedule.zone.identifier))</span></h2>"
            let list = shifts[schedule.name] ?? []
            guard !list.isEmpty else {
                html += "<p class=\"quiet\">\(HTML.escape(text.nobodyOnCall))</p>"
                continue
            }
            html += "<table class=\"list shifts\"><thead><tr><th>\(HTML.escape(text.from))</th>"
            html += "<th>\(HTML.escape(text.to))</th><th>\(HTML.escape(text.person))</th><th></th></tr></thead><tbody>"
            for shift in list {
                let note =
                    shift.substitution.map { id in
                        "\(text.substitution) #\(id)" + (shift.covers.map { " (\(text.covers) \(person($0)))" } ?? "")
                    } ?? (shift.layer ?? "")
                html +=
                    "<tr\(shift.substitution == nil ? "" : " class=\"substituted\"")><td>\(HTML.time(shift.start))</td>"
                    + "<td>\(HTML.time(shift.end))</td><td>\(HTML.escape(person(shift.person)))</td>"
                    + "<td class=\"quiet\">\(HTML.escape(note))</td></tr>"
            }
            html += "</tbody></table>"
        }
        let mayOperate = caller.map { $0.role.allows(.operator) } ?? false
        html += "<h2>\(HTML.escape(text.substitutions))</h2>"
        if substitutions.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noSubstitutions))</p>"
        } else {
            html += "<ul class=\"substitutions\">"
            for substitution in substitutions {
                let covers = substitution.covers.map { " \(text.covers) \(person($0))" } ?? ""
                let remove =
                    mayOperate
                    ? " <button type=\"button\" data-action=\"remove-substitution\" data-substitution=\"\(substitution.id)\">\(HTML.escape(text.remove))</button>"
                    : ""
                html +=
                    "<li>#\(substitution.id) <strong>\(HTML.escape(person(substitution.substitute)))</strong>"
                    + "\(HTML.escape(covers)) · \(HTML.escape(substitution.schedule)) · \(HTML.time(substitution.start)) → "
                    + "\(HTML.time(substitution.end)) · \(HTML.escape(substitution.reason))\(remove)</li>"
            }
            html += "</ul>"
        }
        if mayOperate, !roster.schedules.isEmpty {
            let schedules = roster.schedules.map { "<option>\(HTML.escape($0.name))</option>" }.joined()
            let people = roster.people.map {
                "<option value=\"\(HTML.escape($0.name))\">\(HTML.escape($0.fullName))</option>"
            }.joined()
            html += """
                <form class="substitution" data-action="add-substitution">
                <h3>\(HTML.escape(text.addSubstitution))</h3>
                <label>\(HTML.escape(text.schedule)) <select name="schedule" required>\(schedules)</select></label>
                <label>\(HTML.escape(text.substitute)) <select name="substitute" required>\(people)</select></label>
                <label>\(HTML.escape(text.covers.capitalized)) <select name="covers"><option value="">—</option>\(people)</select></label>
                <label>\(HTML.escape(text.from)) <input name="start" type="datetime-local" required></label>
                <label>\(HTML.escape(text.to)) <input name="end" type="datetime-local" required></label>
                <label>\(HTML.escape(text.reason)) <input name="reason" required maxlength="500"></label>
                <button type="submit" class="primary">\(HTML.escape(text.addSubstitution))</button>
                <p class="quiet">\(HTML.escape(text.localTimeHint))</p>
                </form>
                """
        }
        return html + "<p class=\"error\" id=\"action-error\" role=\"alert\" hidden></p>"
    }
}
