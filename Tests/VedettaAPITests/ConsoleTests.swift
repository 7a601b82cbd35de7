import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VedettaCore
import VedettaIncidents
import VedettaStoreSQLite

@testable import VedettaAPI

@Suite("The console: languages, the wallboard's tiles, pages that escape what they show")
struct ConsoleTests {
    @Test("Accept-Language picks Italian or English by quality; English when neither is asked")
    func languages() {
        #expect(ConsoleLanguage.negotiate("it-IT,it;q=0.9,en;q=0.8") == .italian)
        #expect(ConsoleLanguage.negotiate("de-DE,en;q=0.5,it;q=0.7") == .italian)
        #expect(ConsoleLanguage.negotiate("en-GB,it;q=0.9") == .english)
        #expect(ConsoleLanguage.negotiate("fr-FR") == .english)
        #expect(ConsoleLanguage.negotiate("it;q=0, en;q=0.1") == .english)
        #expect(ConsoleLanguage.negotiate("") == .english)
    }

    @Test("after sign-in only a console path is followed, never another site")
    func nextIsAlwaysTheConsole() {
        #expect(ConsoleRoutes.safeNext("/console/incidents/4") == "/console/incidents/4")
        for bad in [
            nil, "https://evil.example/", "//evil.example", "/console/\\evil", "/api/v1/users", "/console/login",
        ] {
            #expect(ConsoleRoutes.safeNext(bad) == "/console/wallboard", "\(bad ?? "nil")")
        }
    }

    @Test(
        "tiles: red for an unacknowledged critical incident, amber once acknowledged or when up is 0, blue in maintenance"
    )
    func tiles() throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let devices = [
            DiscoveryTarget(device: "pbx-mi", labels: ["site": "milano", "role": "pbx"]),
            DiscoveryTarget(device: "pbx-mi-2", labels: ["site": "milano", "role": "pbx"]),
            DiscoveryTarget(device: "sw-mi", labels: ["site": "milano", "role": "switch"]),
            DiscoveryTarget(device: "sw-rm", labels: ["site": "roma", "role": "switch"]),
            DiscoveryTarget(device: "lab", labels: [:]),
        ]
        var down = Incident(
            id: 1, fingerprint: "f", rule: "Down", severity: .critical, labels: ["device": "pbx-mi"],
            summary: "pbx-mi non risponde", description: "", detectedAt: now.addingTimeInterval(-300))
        var board = Wallboard.make(
            devices: devices, up: ["sw-rm": 0], incidents: [down], onCall: [], windows: [], at: now)
        func tile(_ site: String, _ role: String) -> Wallboard.Tile? {
            board.tiles.first { $0.site == site && $0.role == role }
        }
        #expect(board.sites == ["milano", "roma", "—"] || board.sites == ["milano", "roma", "—"].sorted())
        #expect(tile("milano", "pbx")?.status == .red && tile("milano", "pbx")?.devices == 2)
        #expect(tile("milano", "pbx")?.down == ["pbx-mi"])
        #expect(tile("milano", "switch")?.status == .green)
        #expect(tile("roma", "switch")?.status == .amber, "up 0 without an incident yet")
        #expect(tile("—", "—")?.devices == 1)
        #expect(board.incidents.map(\.id) == [1])
        down.acknowledgedAt = now
        down.acknowledgedBy = "giulia"
        board = Wallboard.make(devices: devices, up: [:], incidents: [down], onCall: [], windows: [], at: now)
        #expect(tile("milano", "pbx")?.status == .amber)
        let html = WallboardView.board(board, language: .italian, at: now)
        #expect(html.contains("preso in carico da giulia") && html.contains("5 min"))
    }

    @Test("pages escape what devices and people wrote; pages carry a strict Content-Security-Policy")
    func escapingAndHeaders() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, auth) = try await OpenAPIDocumentTests.router(store)
        _ = try await store.open(
            IncidentDraft(
                rule: "Down", severity: .critical, labels: ["device": "<img src=x onerror=alert(1)>"],
                summary: "<script>alert(1)</script>"),
            at: Date(), notify: [])
        try await Application(router: router).test(.router) { client in
            for uri in [
                "/console/wallboard", "/console/incidents", "/console/incidents/1", "/console/devices",
                "/console/oncall",
                "/console/reports", "/console/maintenance",
            ] {
                try await client.execute(uri: uri, method: .get, headers: auth) { response in
                    let body = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(!body.contains("<script>alert") && !body.contains("<img src=x"), "\(uri)")
                    if ["/console/wallboard", "/console/incidents", "/console/incidents/1"].contains(uri) {
                        #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                    }
                    #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
            try await client.execute(uri: "/console/assets/console.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
                #expect(String(buffer: response.body).contains("EventSource"))
            }
            try await client.execute(uri: "/console/login?lang=it", method: .get) { response in
                #expect(String(buffer: response.body).contains("<html lang=\"it\">"))
                #expect(response.headers[.setCookie]?.hasPrefix("vedetta_lang=it") == true)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/console/wallboard")
            }
        }
    }

    @Test("a device's samples carry sparklines of their last hours, each linking to its chart, in the reader's zone")
    func deviceCharts() async throws {
        let store = try SQLiteIncidentStore.inMemory()
        let (router, auth) = try await OpenAPIDocumentTests.router(store)
        try await Application(router: router).test(.router) { client in
            var chartLink = ""
            try await client.execute(uri: "/console/devices/sw1?lang=en", method: .get, headers: auth) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(body.contains("<th>Last hours</th>"))
                #expect(body.components(separatedBy: "<svg class=\"spark\"").count == 5, "one per series")
                #expect(!body.contains("uplink <core>") && body.contains("uplink &lt;core&gt;"))
                let link = try #require(
                    body.components(separatedBy: "href=\"").map { $0.prefix { $0 != "\"" } }
                        .first { $0.contains("/chart?series=cpuBusy") })
                chartLink = String(link).replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(chartLink.hasPrefix("/console/devices/sw1/chart?series=cpuBusy%7Bdevice%3D%22sw1%22%7D"))
            try await client.execute(uri: chartLink + "&tz=Asia/Kolkata&lang=en", method: .get, headers: auth) {
                response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(body.contains("<svg class=\"chart\"") && body.contains("<path class=\"series\""))
                #expect(body.contains("<dt>Mean</dt><dd>40</dd>") && body.contains("<dt>Latest</dt><dd>70</dd>"))
                #expect(body.contains("Times in <strong>Asia/Kolkata</strong>"))
                #expect(body.contains("</text>"), "the time axis has its labels")
            }
            let octets =
                "/console/devices/sw1/chart?series="
                + #"ifHCInOctets{device="sw1",ifAlias="uplink <core>",ifIndex="1"}"#
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: octets + "&lang=it", method: .get, headers: auth) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("<dt>Media</dt><dd>1000 al secondo</dd>"))
                #expect(body.contains("velocità media al secondo"))
            }
            try await client.execute(
                uri: "/console/devices/sw1/chart?series=nothing&lang=en", method: .get, headers: auth
            ) { response in
                #expect(
                    response.status == .ok && String(buffer: response.body).contains("No history of this series yet"))
            }
            try await client.execute(uri: "/console/devices/nope/chart?series=x", method: .get, headers: auth) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("charts: a gap breaks the line, a lone point is a dash, axes in compact numbers and the reader's full hours")
    func chartDrawing() throws {
        let start = Date(timeIntervalSince1970: 1_796_378_400)  // 10:00 UTC
        let span = SeriesChart.Span(ending: start.addingTimeInterval(3600), points: 12, step: 300)
        let points = [0.0, 300, 600, 1500, 2400, 2700].map { SeriesHistory.Point(time: start + $0, value: $0) }
        let spark = SeriesChart.sparkline(points, span: span)
        let path = try #require(spark.split(separator: "\"").first { $0.hasPrefix("M") })
        #expect(path.filter { $0 == "M" }.count == 3, "three runs: 0–600, 1500 alone, 2400–2700")
        #expect(path.contains("h2"), "the lone point is a dash")
        #expect(SeriesChart.compact(1_500_000) == "1.5M" && SeriesChart.compact(12_345) == "12.3k")
        #expect(SeriesChart.compact(0.25) == "0.25" && SeriesChart.compact(0) == "0")
        #expect(SeriesChart.valueRange([.init(time: start, value: 1)]) == (0, 2))
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        // 10:00–11:00 UTC is 15:30–16:30 in Kolkata: every 10 minutes of its wall clock.
        let ticks = SeriesChart.timeTicks(span, zone: kolkata)
        #expect(ticks.map(\.label) == ["15:30", "15:40", "15:50", "16:00", "16:10", "16:20", "16:30"])
        #expect(ticks[3].time == start.addingTimeInterval(1800))
        // Six hours in Rome across the end of summer time (00:00–06:00 UTC on 26 October 2025): hourly ticks on its
        // wall clock, 02:00 twice.
        let rome = try #require(TimeZone(identifier: "Europe/Rome"))
        let night = SeriesChart.Span(ending: Date(timeIntervalSince1970: 1_761_458_400), points: 72, step: 300)
        #expect(
            SeriesChart.timeTicks(night, zone: rome).map(\.label)
                == ["02:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00"])
    }
}
