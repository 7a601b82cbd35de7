import Foundation
import Hummingbird
import VedettaCore

/// The recent history of a device's series:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/devices/{name}/history?metric=&match=&limit=` | The device's series over the last hours (`agent.history`), a point per step: a gauge's mean, a counter's rate per second; 404 for an unknown device |
///
/// `metric` keeps the series of that name; `match` those whose name or a label value contains the text (ignoring
/// case); `limit` (1–5000, default 1000) caps the series returned, and `truncated` says that more matched.
enum HistoryRoutes {
    /// The most series one answer holds.
    static let maximumLimit = 5000

    static func add(source: any AgentStatusSource, to router: Router<APIRequestContext>) {
        router.get("/api/v1/devices/:device/history") { request, context -> Response in
            let device = try context.parameters.require("device")
            let parameters = request.uri.queryParameters
            var limit = 1000
            if let text = parameters.get("limit") {
                guard let value = Int(text), (1...maximumLimit).contains(value) else {
                    return RefusalBody.response(
                        message: "limit must be an integer from 1 to \(maximumLimit)", code: "invalid", field: "limit")
                }
                limit = value
            }
            let match = parameters.get("match") ?? ""
            guard match.count <= 100 else {
                return RefusalBody.response(
                    message: "match is at most 100 characters", code: "invalid", field: "match")
            }
            let metric = parameters.get("metric")
            let wanted = await source.history(of: device) { key in
                (metric == nil || key.name == metric) && key.matchesSearch(match)
            }
            guard let chosen = wanted else {
                return RefusalBody.response(
                    message: "no device \"\(device)\" in the configuration", code: "not_found", field: nil)
            }
            let body = answer(
                device: device, stepSeconds: Int(source.historySettings.step / .seconds(1)),
                series: chosen.prefix(limit), truncated: chosen.count > limit)
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }

    /// The answer's JSON, written directly: a device's 1,000 series of 72 points are 72,000 numbers, which
    /// `JSONEncoder` takes a quarter of a second to write. Keys in the order `JSONAnswer` would sort them.
    static func answer(device: String, stepSeconds: Int, series: ArraySlice<SeriesHistory>, truncated: Bool) -> String {
        var json = "{\"device\":\"\(device.jsonEscaped)\",\"series\":["
        json.reserveCapacity(series.reduce(64) { $0 + 160 + $1.points.count * 24 })
        for (index, history) in series.enumerated() {
            if index > 0 { json += "," }
            json += "{\"kind\":\"\(history.kind.rawValue)\",\"labels\":{"
            for (position, label) in history.key.labels.enumerated() {
                if position > 0 { json += "," }
                json += "\"" + label.name.jsonEscaped + "\":\"" + label.value.jsonEscaped + "\""
            }
            json += "},\"metric\":\"" + history.key.name.jsonEscaped + "\",\"points\":["
            for (position, point) in history.points.enumerated() {
                if position > 0 { json += "," }
                json += "["
                json += String(Int64(point.time.timeIntervalSince1970.rounded()))
                json += ","
                // Kept as a 32-bit float: its shortest decimal, not the digits of its 64-bit widening.
                json += number(Float32(point.value))
                json += "]"
            }
            json += "]}"
        }
        return json + "],\"step_seconds\":\(stepSeconds),\"truncated\":\(truncated)}"
    }

    /// A finite value as JSON writes it: integers without a fraction, others as Swift's shortest decimal.
    private static func number(_ value: Float32) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

}

extension SeriesKey {
    /// Whether the series' name or one of its label values contains `text`, ignoring case; always for empty text
    /// (the device page's search and the history API's `match`).
    func matchesSearch(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        let needle = text.lowercased()
        return name.lowercased().contains(needle) || labels.contains { $0.value.lowercased().contains(needle) }
    }
}
