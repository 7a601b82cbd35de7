import Foundation
import Testing
import VedettaTestSupport

/// `vedetta probe DEVICE`: a configured device's probes run once, printing every sample as the rules see it.
@Suite("vedetta probe DEVICE", .serialized, .tags(.snmpsim))
struct CLIProbeDeviceTests {
    @Test("prints every sample of an SNMP and HTTP device with its labels; --json has the same; unknown names exit 1")
    func probeConfiguredDevice() async throws {
        let sim = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let web = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-probe-device")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)
        devices:
          - name: crm-server
            labels: {site: milano, role: crm}
            snmp: {address: "127.0.0.1:\(sim.port)", community: recorded/linux-full-walk, profiles: [system, if-mib]}
            http: {url: "\(web.url("/ok"))"}
        """.write(to: config, atomically: true, encoding: .utf8)

        let text = try ToolRunner.vedetta(["probe", "crm-server", "--config", config.path])
        #expect(text.status == 0, "\(text.standardError)")
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("crm-server snmp 127.0.0.1:\(sim.port): up in ") })
        #expect(lines.contains { $0.hasPrefix("crm-server http \(web.url("/ok")): up in ") })
        #expect(lines.contains(#"up{device="crm-server",probe="snmp",role="crm",site="milano"} 1"#))
        #expect(lines.contains(#"up{device="crm-server",probe="http",role="crm",site="milano"} 1"#))
        #expect(lines.contains(#"http_status_code{device="crm-server",probe="http",role="crm",site="milano"} 200"#))
        #expect(lines.contains { $0.hasPrefix(#"ifOperStatus{device="crm-server",ifDescr="eth0",ifIndex="2","#) })
        #expect(
            lines.contains {
                $0.hasPrefix(#"sysName{device="crm-server",probe="snmp",role="crm",site="milano",sysName=""#)
            })

        let json = try ToolRunner.vedetta(["probe", "device", "crm-server", "--config", config.path, "--json"])
        #expect(json.status == 0)
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(reports.map { $0["kind"] as? String } == ["snmp", "http"])
        #expect(reports.allSatisfy { $0["up"] as? Bool == true })
        let samples = try #require(reports.first?["samples"] as? [[String: Any]])
        #expect(
            samples.contains {
                ($0["name"] as? String) == "ifOperStatus" && ($0["labels"] as? [String: String])?["ifDescr"] == "eth0"
            })

        let unknown = try ToolRunner.vedetta(["probe", "crm", "--config", config.path])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no device \"crm\" in the configuration; known: crm-server"))

        // A device that is down: exit 1, the reason, and up 0 as the rules will see it.
        sim.stop()
        let down = try ToolRunner.vedetta(["probe", "crm-server", "--config", config.path])
        #expect(down.status == 1)
        #expect(down.standardOutput.contains("crm-server snmp 127.0.0.1:\(sim.port): down (timeout) in "))
        #expect(down.standardOutput.contains(#"up{device="crm-server",probe="snmp",role="crm",site="milano"} 0"#))
    }
}
