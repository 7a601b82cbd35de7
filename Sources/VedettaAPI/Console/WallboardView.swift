import Foundation
import VedettaCore

/// The wallboard as HTML: the board fragment (replaced live by server-sent events) and the page around it.
enum WallboardView {
    /// The board: tiles, incidents, on-call, maintenance.
    static func board(_ board: Wallboard, language: ConsoleLanguage, at now: Date) -> String {
        let text = language.text
        var html = "<section class=\"tiles\" aria-label=\"\(HTML.escape(text.devices))\">"
        html += "<table><thead><tr><th>\(HTML.escape(text.site)) \\ \(HTML.escape(text.role))</th>"
        html += board.roles.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for site in board.sites {
            html += "<tr><th>\(HTML.escape(site))</th>"
            for role in board.roles {
                guard let tile = board.tiles.first(where: { $0.site == site && $0.role == role }) else {
                    html += "<td class=\"empty\"></td>"
                    continue
                }
                let word =
                    switch tile.status {
                    case .green: text.allClear
                    case .blue: text.inMaintenance
                    case .amber: text.working
                    case .red: text.down
                    }
                // A dozen names at most: a tile stays readable when a whole site is down.
                let more = tile.down.count > 12 ? " +\(tile.down.count - 12)" : ""
                let names = tile.down.prefix(12).joined(separator: ", ") + more
                let down = tile.down.isEmpty ? "" : "<span class=\"down\">\(HTML.escape(names))</span>"
                html +=
                    "<td class=\"tile \(tile.status.rawValue)\" data-site=\"\(HTML.escape(site))\" "
                    + "data-role=\"\(HTML.escape(role))\"><span class=\"count\">\(tile.devices)</span>"
                    + "<span class=\"word\">\(HTML.escape(word))</span>\(down)</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table></section>"

        html += "<section class=\"incidents\"><h2>\(HTML.escape(text.openIncidents)) (\(board.incidents.count))</h2>"
        if board.incidents.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noOpenIncidents))</p>"
        } else {
            html += "<ul>"
            for incident in board.incidents {
                let who =
                    incident.acknowledgedBy.map { "\(text.acknowledgedBy) \($0)" } ?? text.notAcknowledged
                html +=
                    "<li class=\"incident \(incident.severity.rawValue)\(incident.acknowledgedBy == nil ? " unacknowledged" : "")\" "
                    + "data-incident=\"\(incident.id)\"><a href=\"/console/incidents/\(incident.id)\">"
                    + "<span class=\"severity\">\(HTML.escape(text.severityNames[incident.severity.rawValue] ?? incident.severity.rawValue))</span> "
                    + "<span class=\"summary\">\(HTML.escape(incident.summary))</span></a>"
                    + "<span class=\"age\">\(HTML.age(now.timeIntervalSince(incident.detectedAt)))</span>"
                    + "<span class=\"who\">\(HTML.escape(who))</span></li>"
            }
            html += "</ul>"
        }
        html += "</section><section class=\"side\"><h2>\(HTML.escape(text.onCallNow))</h2>"
        if board.onCall.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.nobodyOnCall))</p>"
        } else {
            html += "<ul class=\"oncall\">"
            for entry in board.onCall {
                let until =
                    entry.until.map {
                        " <span class=\"until\">\(HTML.escape(text.until)) \(HTML.time($0, style: "time"))</span>"
                    } ?? ""
                html +=
                    "<li><span class=\"schedule\">\(HTML.escape(entry.schedule))</span> "
                    + "<span class=\"person\">\(HTML.escape(entry.person ?? text.nobodyOnCall))</span>\(until)</li>"
            }
            html += "</ul>"
        }
        html += "<h2>\(HTML.escape(text.maintenanceNow))</h2>"
        if board.maintenance.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noMaintenance))</p>"
        } else {
            html += "<ul class=\"maintenance\">"
            for window in board.maintenance {
                let ends =
                    window.ends.map {
                        " <span class=\"until\">\(HTML.escape(text.until)) \(HTML.time($0, style: "time"))</span>"
                    } ?? ""
                html +=
                    "<li><span class=\"reason\">\(HTML.escape(window.reason))</span> "
                    + "<code>\(HTML.escape(window.match))</code>\(ends)</li>"
            }
            html += "</ul>"
        }
        html += "</section>"
        return html
    }

    /// The whole page: the board, and the status line that says whether updates are live.
    static func page(_ board: String, language: ConsoleLanguage) -> String {
        let text = language.text
        return """
            <div id="wallboard" data-events="/console/wallboard/events">\(board)</div>
            <footer class="status"><span id="live" data-live="\(HTML.escape(text.live))" \
            data-reconnecting="\(HTML.escape(text.reconnecting))">\(HTML.escape(text.live))</span> · \
            \(HTML.escape(text.updated)) <span id="updated"></span></footer>
            """
    }
}
