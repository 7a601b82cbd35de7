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
}
