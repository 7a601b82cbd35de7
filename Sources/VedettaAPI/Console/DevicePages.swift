import Foundation
import VedettaCore
import VedettaIncidents
import VedettaInventory

/// The devices list (filtered, a page at a time) and one device's page (status, inventory, incidents, samples).
enum DevicePages {
    /// One row of the list.
    struct Row {
        var device: String
        var site: String
        var role: String
        var status: Wallboard.Status
        var openIncidents: Int
        var model: String
        var address: String
        /// The device's name and model in lower case, for the list's search.
        var lowercasedName: String
        var lowercasedModel: String

        init(
            device: String, site: String, role: String, status: Wallboard.Status, openIncidents: Int, model: String,
            address: String
        ) {
            self.device = device
            self.site = site
            self.role = role
            self.status = status
            self.openIncidents = openIncidents
            self.model = model
            self.address = address
            lowercasedName = device.lowercased()
            lowercasedModel = model.lowercased()
        }

        /// Sets what changes while the agent runs: the state and open incidents from the device's open `incidents`
        /// and its lowest `up`, and the model from its `inventory`.
        mutating func update(incidents: [Incident], up: Double?, inventory: DeviceInventory?) {
            // As on the wallboard: info incidents colour nothing.
            let mine = incidents.filter { $0.severity >= .warning }
            status =
                mine.contains { $0.acknowledgedAt == nil && $0.severity == .critical }
                ? .red : (!mine.isEmpty || up == 0) ? .amber : .green
            openIncidents = mine.count
            let model: String =
                switch (inventory?.vendor, inventory?.model) {
                case (let vendor?, let model?): vendor + " " + model
                case (let vendor?, nil): vendor
                case (nil, let model?): model
                case (nil, nil): ""
                }
            if model != self.model {
                self.model = model
                lowercasedModel = model.lowercased()
            }
        }
    }

    /// Devices shown per page of the list.
    static let pageSize = 100
    /// Samples shown on a device's page (a big switch has thousands; the filter finds the rest).
    static let maximumSamples = 1000

    /// The fixed parts of the rows of `targets` (name, site, role, address from the listing), by name; each row's
    /// state and model are then set with ``Row/update(incidents:up:inventory:)``.
    static func rows(listing: InventoryListing?, targets: [DiscoveryTarget]) -> [Row] {
        var addresses: [String: String] = .init(minimumCapacity: targets.count)
        for entry in listing?.devices ?? [] where addresses[entry.device] == nil {
            addresses[entry.device] = entry.address ?? ""
        }
        return targets.map { row(of: $0, address: addresses[$0.device] ?? "") }.sorted { $0.device < $1.device }
    }

    /// One device's row: its fixed parts, before ``Row/update(incidents:up:inventory:)``.
    static func row(of target: DiscoveryTarget, address: String) -> Row {
        Row(
            device: target.device, site: target.labels["site"] ?? Wallboard.none,
            role: target.labels["role"] ?? Wallboard.none, status: .green, openIncidents: 0, model: "",
            address: address)
    }

    /// The open incidents by device.
    static func byDevice(_ open: [Incident]) -> [String: [Incident]] {
        var incidents: [String: [Incident]] = [:]
        for incident in open {
            if let device = incident.device?.rawValue { incidents[device, default: []].append(incident) }
        }
        return incidents
    }

    /// The list page: filters (text, site, role, status) and one page of rows.
    static func list(
        _ list: DeviceRows, query: String, site: String?, role: String?, status: String?, page: Int,
        language: ConsoleLanguage
    ) -> String {
        let rows = list.rows
        let text = language.text
        let needle = query.lowercased()
        let shown = rows.filter { row in
            (needle.isEmpty || row.lowercasedName.contains(needle) || row.lowercasedModel.contains(needle)
                || row.address.contains(needle))
                && (site == nil || row.site == site) && (role == nil || row.role == role)
                && (status == nil || row.status.rawValue == status)
        }
        let pages = max(1, (shown.count + pageSize - 1) / pageSize)
        let current = min(max(1, page), pages)
        var html = "<h1>\(HTML.escape(text.devicesTitle)) (\(shown.count))</h1><form class=\"filters\" method=\"get\">"
        html +=
            "<label>\(HTML.escape(text.search)) <input name=\"q\" value=\"\(HTML.escape(query))\" maxlength=\"100\"></label>"
        html += select("site", text.site, list.sites, site, text)
        html += select("role", text.role, list.roles, role, text)
        html += select(
            "status", text.state, ["red", "amber", "green"], status, text,
            names: [
                "red": text.down, "amber": text.working, "green": text.allClear,
            ])
        html += "<button type=\"submit\">\(HTML.escape(text.filter))</button></form>"
        guard !shown.isEmpty else { return html + "<p class=\"quiet\">\(HTML.escape(text.noDevices))</p>" }
        html += "<table class=\"list devices\"><thead><tr><th>\(HTML.escape(text.device))</th>"
        html +=
            "<th>\(HTML.escape(text.site))</th><th>\(HTML.escape(text.role))</th><th>\(HTML.escape(text.state))</th>"
        html +=
            "<th>\(HTML.escape(text.openIncidents))</th><th>\(HTML.escape(text.model))</th><th>\(HTML.escape(text.address))</th></tr></thead><tbody>"
        for row in shown.dropFirst((current - 1) * pageSize).prefix(pageSize) {
            let word =
                switch row.status {
                case .red: text.down
                case .amber: text.working
                default: text.allClear
                }
            let link =
                "/console/devices/\(HTML.urlComponent(row.device))"
            html +=
                "<tr><td><a href=\"\(HTML.escape(link))\">\(HTML.escape(row.device))</a></td><td>\(HTML.escape(row.site))</td>"
                + "<td>\(HTML.escape(row.role))</td><td><span class=\"dot \(row.status.rawValue)\"></span> \(HTML.escape(word))</td>"
                + "<td>\(row.openIncidents == 0 ? "" : String(row.openIncidents))</td><td>\(HTML.escape(row.model))</td>"
                + "<td><code>\(HTML.escape(row.address))</code></td></tr>"
        }
        html += "</tbody></table>"
        if pages > 1 {
            var parameters = URLComponents()
            parameters.queryItems = [
                URLQueryItem(name: "q", value: query), URLQueryItem(name: "site", value: site ?? ""),
                URLQueryItem(name: "role", value: role ?? ""), URLQueryItem(name: "status", value: status ?? ""),
            ]
            let base = "?" + (parameters.percentEncodedQuery ?? "") + "&page="
            html += "<nav class=\"pages\">"
            if current > 1 { html += "<a href=\"\(HTML.escape(base + String(current - 1)))\">‹</a>" }
            html += "<span>\(current) / \(pages)</span>"
            if current < pages { html += "<a href=\"\(HTML.escape(base + String(current + 1)))\">›</a>" }
            html += "</nav>"
        }
        return html
    }

    /// One device: status, labels, inventory, incidents, and its latest samples (filtered by `filter`), each with a
    /// sparkline of its `history` over `span` that links to its chart.
    static func detail(
        device: String, row: Row, labels: [String: String], inventory: DeviceInventory?, incidents: [Incident],
        samples: [Sample], history: [SeriesKey: SeriesHistory], span: SeriesChart.Span, filter: String,
        language: ConsoleLanguage, at now: Date
    ) -> String {
        let text = language.text
        let status = row.status
        let word =
            switch status {
            case .red: text.down
            case .amber: text.working
            default: text.allClear
            }
        var html = "<h1><span class=\"dot \(status.rawValue)\"></span> \(HTML.escape(device))</h1><dl class=\"facts\">"
        html += "<dt>\(HTML.escape(text.state))</dt><dd>\(HTML.escape(word))</dd>"
        if !row.address.isEmpty {
            html += "<dt>\(HTML.escape(text.address))</dt><dd><code>\(HTML.escape(row.address))</code></dd>"
        }
        html += "<dt>\(HTML.escape(text.labels))</dt><dd>"
        html += labels.sorted { $0.key < $1.key }.map { "<code>\(HTML.escape($0.key))=\(HTML.escape($0.value))</code>" }
            .joined(separator: " ")
        html += "</dd>"
        if let inventory {
            let facts: [(String, String?)] = [
                (text.vendor, inventory.vendor), (text.model, inventory.model), (text.serial, inventory.serialNumber),
                ("Firmware", inventory.firmware), ("Software", inventory.software), ("sysDescr", inventory.sysDescr),
            ]
            for (name, value) in facts {
                if let value, !value.isEmpty { html += "<dt>\(HTML.escape(name))</dt><dd>\(HTML.escape(value))</dd>" }
            }
            if let uptime = inventory.uptimeSeconds {
                html += "<dt>Uptime</dt><dd>\(HTML.age(uptime))</dd>"
            }
            if let last = inventory.lastPoll {
                html += "<dt>\(HTML.escape(text.lastPoll))</dt><dd>\(HTML.time(last))</dd>"
            }
        }
        html += "</dl><h2>\(HTML.escape(text.incidents))</h2>"
        if incidents.isEmpty {
            html += "<p class=\"quiet\">\(HTML.escape(text.noIncidents))</p>"
        } else {
            html += "<ul class=\"device-incidents\">"
            for incident in incidents {
                let state = text.stateNames[incident.state.rawValue] ?? incident.state.rawValue
                html +=
                    "<li class=\"\(incident.severity.rawValue) \(incident.state.rawValue)\"><a href=\"/console/incidents/\(incident.id)\">"
                    + "#\(incident.id) \(HTML.escape(incident.summary))</a> · \(HTML.time(incident.detectedAt)) · "
                    + "\(HTML.escape(state))</li>"
            }
            html += "</ul>"
        }
        let matching = samples.filter { $0.seriesKey.matchesSearch(filter) }
        html += "<h2>\(HTML.escape(text.samples)) (\(matching.count))</h2>"
        html += "<form class=\"filters\" method=\"get\"><label>\(HTML.escape(text.search)) "
        html += "<input name=\"filter\" value=\"\(HTML.escape(filter))\" maxlength=\"100\"></label>"
        html += "<button type=\"submit\">\(HTML.escape(text.filter))</button></form>"
        html +=
            "<table class=\"list samples\"><thead><tr><th>\(HTML.escape(text.metric))</th><th>\(HTML.escape(text.labels))</th>"
        html += "<th>\(HTML.escape(text.value))</th><th>\(HTML.escape(language.chartWords.lastHours))</th>"
        html += "</tr></thead><tbody>"
        for sample in matching.prefix(maximumSamples) {
            // The device's own labels are on every sample: shown once above, not on every row.
            let labels = sample.labels.dictionary.filter { $0.key != "device" && labels[$0.key] != $0.value }
                .sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            html +=
                "<tr><td><code>\(HTML.escape(sample.name))</code></td><td><code>\(HTML.escape(labels))</code></td>"
                + "<td class=\"number\">\(HTML.escape(format(sample.value)))</td>"
            let key = sample.seriesKey
            if let points = history[key]?.points, !points.isEmpty {
                html +=
                    "<td class=\"spark\"><a href=\"\(HTML.escape(DeviceChartPage.link(device: device, key: key)))\" "
                    + "title=\"\(HTML.escape(language.chartWords.lastHours + ": " + sample.name))\">"
                html += SeriesChart.sparkline(points, span: span) + "</a></td></tr>"
            } else {
                html += "<td></td></tr>"
            }
        }
        html += "</tbody></table>"
        if matching.count > maximumSamples {
            html += "<p class=\"quiet\">\(matching.count - maximumSamples) \(HTML.escape(text.moreSamples))</p>"
        }
        return html
    }

    private static func select(
        _ name: String, _ label: String, _ values: [String], _ chosen: String?, _ text: ConsoleText,
        names: [String: String] = [:]
    ) -> String {
        var html =
            "<label>\(HTML.escape(label)) <select name=\"\(name)\"><option value=\"\">\(HTML.escape(text.all))</option>"
        html += values.map { value in
            "<option value=\"\(HTML.escape(value))\"\(value == chosen ? " selected" : "")>\(HTML.escape(names[value] ?? value))</option>"
        }.joined()
        return html + "</select></label>"
    }

    /// A sample's value as people read it: integers without a fraction, others with up to four decimals.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }
}
