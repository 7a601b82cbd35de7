import Foundation
import Testing
import VedettaTestSupport

/// The web console in a real browser: Debian's chromium and chromium-driver, driven by PyPI selenium
/// (`Tests/Fixtures/console/browser.py`), against the real agent polling a real snmpd.
@Suite("The console in a real browser", .serialized)
struct ConsoleBrowserTests {
    @Test("sign in, see the incident on the wallboard seconds after snmpd stops, acknowledge it, no browser errors")
    func wallboardIncidentAcknowledge() async throws {
        let snmpd = try await SNMPAgentFixture()
        defer { snmpd.stop() }
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-console")
        for folder in ["alerts", "oncall"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 1s
          default_timeout: 500ms
          history: {keep: 10m, step: 10s}
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        devices:
          - name: pbx-milano
            labels: {site: milano, role: pbx}
            snmp: {address: "127.0.0.1:\(snmpd.port)", community: \(snmpd.community), profiles: [system]}
          - name: sw-roma
            labels: {site: roma, role: switch}
            interval: 5s
            icmp: {host: 127.0.0.1}
        """.write(to: config, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: DeviceUnreachable
            expr: up{probe="snmp"} == 0
            severity: critical
            summary: "{{ $labels.device }} non risponde"
        """.write(to: directory.appendingPathComponent("alerts/down.yaml"), atomically: true, encoding: .utf8)
        try """
        people:
          - {name: giulia, full_name: Giulia Bianchi, email: giulia@example.it}
          - {name: marco, full_name: Marco Rossi, email: marco@example.it}
        schedules:
          - name: noc
            layers: [{name: base, start: 2026-01-05T08:00, shift: weekly, participants: [giulia]}]
        """.write(to: directory.appendingPathComponent("oncall/noc.yaml"), atomically: true, encoding: .utf8)
        let data = directory.appendingPathComponent("data")
        let agent = try await AgentProcess(configFile: config, dataDirectory: data)
        defer { agent.stop() }
        let password = directory.appendingPathComponent("password")
        try "turno-di-notte\n".write(to: password, atomically: true, encoding: .utf8)
        try ToolRunner.run(
            RepositoryPaths.vedettaBinary.path,
            [
                "users", "add", "giulia", "--role", "operator", "--password-stdin", "--config", config.path, "--data",
                data.path,
            ],
            input: password
        ).requireSuccess("vedetta users add")
        // Planned work on the Rome switch, now: its tile is blue.
        let window = try agent.json(
            "POST", "/api/v1/maintenance",
            body:
                #"{"match": "device=\"sw-roma\"", "start": "\#(Self.romeNow())", "duration": "2h", "reason": "firmware"}"#
        )
        #expect(window.status == 201, "\(window.body)")

        let shots = RepositoryPaths.root.appendingPathComponent(".build/artefacts/console")
        let result = try ToolRunner.run(
            RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path,
            [
                RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/console/browser.py").path,
                "http://127.0.0.1:\(agent.port)", "giulia", "turno-di-notte",
                snmpd.directory.appendingPathComponent("snmpd.pid").path, shots.path,
            ],
            timeout: .seconds(240))
        #expect(result.status == 0, "\(result.standardError)\nscreenshots: \(shots.path)\n\(agent.output.suffix(4000))")
        let figures = (try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))) as? [String: Any]
        print("console figures: \(result.standardOutput)")
        let seconds = figures?["seconds_from_device_stop_to_wallboard"] as? Double ?? .infinity
        #expect(seconds < 15, "the incident reached the wallboard \(seconds) s after snmpd stopped")
        for name in ["console-login", "console-wallboard-green", "console-wallboard-incident", "console-incident"] {
            #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent("\(name).png").path))
        }
        // The acknowledgement and the note went through the API as giulia, audited.
        let audit = try ToolRunner.run(
            RepositoryPaths.vedettaBinary.path,
            ["users", "audit", "--actor", "giulia", "--config", config.path, "--data", data.path])
        #expect(audit.standardOutput.contains("giulia (session) from 127.0.0.1: POST /api/v1/incidents/1/ack → 200"))
        #expect(audit.standardOutput.contains("POST /api/v1/incidents/1/notes → 201"))
        #expect(agent.stop() == 0, "the agent stops at once with a wallboard stream open")
    }

    /// Now, as local time in Rome (the agent's default zone), to the minute.
    private static func romeNow() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Rome")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: Date().addingTimeInterval(-60))
    }
}
