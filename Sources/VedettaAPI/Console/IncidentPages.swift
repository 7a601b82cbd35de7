import Foundation
import VedettaAccess
import VedettaCore
import VedettaIncidents

/// The incidents list (with its filters) and one incident's page (timeline, acknowledge, notes).
enum IncidentPages {
    /// The list of `incidents`, with the filter form set to `state` and `severity`.
    static func list(
        _ incidents: [Incident], state: IncidentQuery.StateFilter, severity: String?, site: String?,
        sites: [String], caller: Principal?, language: ConsoleLanguage, at now: Date
    ) -> String {
        let mayOperate = caller.map { $0.role.allows(.operator) } ?? false
        let text = language.text
        let states: [(IncidentQuery.StateFilter, String)] = [
            (.open, text.open), (.unacknowledged, text.notAcknowledged),
            (.acknowledged, text.stateNames["acknowledged"] ?? "acknowledged"),
            (.restored, text.stateNames["restored"] ?? "restored"), (.all, text.all),
        ]
        var html = "<h1>\(HTML.escape(text.incidents))</h1><form class=\"filters\" method=\"get\">"
        html += "<label>\(HTML.escape(text.state)) <select name=\"state\">"
        html += states.map { value, label in
            "<option value=\"\(value.rawValue)\"\(value == state ? " selected" : "")>\(HTML.escape(label))</option>"
        }.joined()
        html +=
            "</select></label><label>\(HTML.escape(text.severity)) <select name=\"severity\"><option value=\"\">\(HTML.escape(text.all))</option>"
        html += ["critical", "warning", "info"].map { value in
            "<option value=\"\(value)\"\(value == severity ? " selected" : "")>\(HTML.escape(text.severityNames[value] ?? value))</option>"
        }.joined()
        html +=
            "</select></label><label>\(HTML.escape(text.site)) <select name=\"site\"><option value=\"\">\(HTML.escape(text.all))</option>"
        html += sites.map { value in
            "<option value=\"\(HTML.escape(value))\"\(value == site ? " selected" : "")>\(HTML.escape(value))</option>"
        }.joined()
        html += "</select></label><button type=\"submit\">\(HTML.escape(text.filter))</button></form>"
        if mayOperate {
            html += """
                <details class="manual"><summary>\(HTML.escape(text.openManual))</summary>
                <form class="manual" data-action="open-incident">
                <label>\(HTML.escape(text.summary)) <input name="summary" required maxlength="500"></label>
                <label>\(HTML.escape(text.device)) <input name="device" required maxlength="200"></label>
                <label>\(HTML.escape(text.severity)) <select name="severity"><option value="critical">\(HTML.escape(text.severityNames["critical"] ?? "critical"))</option>\
                <option value="warning">\(HTML.escape(text.severityNames["warning"] ?? "warning"))</option></select></label>
                <button type="submit" class="primary">\(HTML.escape(text.openManual))</button>
                </form></details><p class="error" id="action-error" role="alert" hidden></p>
                """
        }
        guard !incidents.isEmpty else { return html + "<p class=\"quiet\">\(HTML.escape(text.noIncidents))</p>" }
        html += "<table class=\"list\"><thead><tr><th>#</th><th>\(HTML.escape(text.severity))</th>"
        html += "<th>\(HTML.escape(text.summary))</th><th>\(HTML.escape(text.device))</th>"
        html += "<th>\(HTML.escape(text.detected))</th><th>\(HTML.escape(text.state))</th></tr></thead><tbody>"
        for incident in incidents {
            html +=
                "<tr class=\"\(incident.severity.rawValue) \(incident.state.rawValue)\"><td><a href=\"/console/incidents/\(incident.id)\">\(incident.id)</a></td>"
                + "<td>\(HTML.escape(text.severityNames[incident.severity.rawValue] ?? incident.severity.rawValue))</td>"
                + "<td><a href=\"/console/incidents/\(incident.id)\">\(HTML.escape(incident.summary))</a></td>"
                + "<td>\(HTML.escape(incident.device?.rawValue ?? ""))</td><td>\(HTML.time(incident.detectedAt))</td>"
                + "<td>\(HTML.escape(stateText(incident, text)))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// One incident: what, where, since when, who is on it, its timeline, and what the caller may do.
    static func detail(_ incident: Incident, caller: Principal?, language: ConsoleLanguage, at now: Date) -> String {
        let text = language.text
        var html =
            "<h1 class=\"\(incident.severity.rawValue)\">\(HTML.escape(text.incident)) \(incident.id): "
            + "\(HTML.escape(incident.summary))</h1><dl class=\"facts\">"
        html += "<dt>\(HTML.escape(text.state))</dt><dd id=\"state\">\(HTML.escape(stateText(incident, text)))</dd>"
        html +=
            "<dt>\(HTML.escape(text.severity))</dt><dd>\(HTML.escape(text.severityNames[incident.severity.rawValue] ?? incident.severity.rawValue))</dd>"
        html +=
            "<dt>\(HTML.escape(text.detected))</dt><dd>\(HTML.time(incident.detectedAt)) (\(HTML.age(now.timeIntervalSince(incident.detectedAt))))</dd>"
        if let restored = incident.restoredAt {
            html += "<dt>\(HTML.escape(text.restored))</dt><dd>\(HTML.time(restored))</dd>"
        }
        html += "<dt>\(HTML.escape(text.labels))</dt><dd>"
        html += incident.labels.dictionary.sorted { $0.key < $1.key }.map {
            "<code>\(HTML.escape($0.key))=\(HTML.escape($0.value))</code>"
        }.joined(separator: " ")
        html += "</dd></dl>"
        let mayOperate = caller.map { $0.role.allows(.operator) } ?? false
        if mayOperate, incident.restoredAt == nil {
            html += "<div class=\"actions\">"
            if incident.acknowledgedAt == nil {
                html +=
                    "<button type=\"button\" class=\"primary\" data-action=\"acknowledge\" "
                    + "data-incident=\"\(incident.id)\">\(HTML.escape(text.acknowledge))</button>"
            }
            if incident.origin == .manual {
                html +=
                    "<button type=\"button\" data-action=\"restore\" data-incident=\"\(incident.id)\">"
                    + "\(HTML.escape(text.restore))</button>"
            }
            html += "</div>"
        }
        if mayOperate {
            let categories = IncidentPolicy.defaultCategories.map { "<option value=\"\(HTML.escape($0))\">" }.joined()
            html +=
                "<form class=\"category\" data-action=\"categorize\" data-incident=\"\(incident.id)\">"
                + "<label>\(HTML.escape(text.category)) <input name=\"category\" list=\"categories\" maxlength=\"100\" "
                + "value=\"\(HTML.escape(incident.category ?? ""))\" required></label><datalist id=\"categories\">\(categories)</datalist>"
                + "<button type=\"submit\">\(HTML.escape(text.save))</button></form>"
        }
        if mayOperate {
            html +=
                "<form class=\"note\" data-action=\"note\" data-incident=\"\(incident.id)\">"
                + "<label>\(HTML.escape(text.note)) <textarea name=\"text\" required maxlength=\"2000\"></textarea></label>"
                + "<button type=\"submit\">\(HTML.escape(text.addNote))</button></form>"
        }
        html += "<p class=\"error\" id=\"action-error\" role=\"alert\" hidden></p>"
        html += "<h2>\(HTML.escape(text.timeline))</h2><ol class=\"timeline\">"
        for event in incident.timeline {
            let by = event.by.map { " — \(HTML.escape($0))" } ?? ""
            html +=
                "<li class=\"\(HTML.escape(event.kind.rawValue))\">\(HTML.time(event.at)) "
                + "<span class=\"kind\">\(HTML.escape(text.eventNames[event.kind.rawValue] ?? event.kind.rawValue))</span>\(by) "
                + "<span class=\"detail\">\(HTML.escape(event.detail))</span></li>"
        }
        return html + "</ol>"
    }

    private static func stateText(_ incident: Incident, _ text: ConsoleText) -> String {
        let state = text.stateNames[incident.state.rawValue] ?? incident.state.rawValue
        guard let by = incident.acknowledgedBy, incident.restoredAt == nil else { return state }
        return "\(state) (\(by))"
    }
}

/// The sign-in page: a form the script posts to `POST /api/v1/session`.
enum SignInPage {
    static func body(language: ConsoleLanguage, next: String) -> String {
        let text = language.text
        return """
            <form id="sign-in" class="sign-in" data-next="\(HTML.escape(next))" \
            data-wrong="\(HTML.escape(text.wrongCredentials))">
            <h1>\(HTML.escape(text.signIn))</h1>
            <label>\(HTML.escape(text.user)) <input name="name" autocomplete="username" required maxlength="64" autofocus></label>
            <label>\(HTML.escape(text.password)) <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
            <button type="submit" class="primary">\(HTML.escape(text.signIn))</button>
            <p class="error" role="alert" hidden></p>
            </form>
            """
    }
}
