import Foundation
import Testing
import VedettaTestSupport

/// A rule that compares a polled value with a number from the configuration, with the real agent: a recorded
/// Asterisk PBX served by a real snmpsim reports 6 active channels; `constants:` gives each PBX its channel licence;
/// the shipped-style rule `astNumChannels > on(device) 0.9 * pbx_channel_licence` pages a real webhook receiver for
/// the PBX near its licence only.
@Suite("Device constants and vector matching, end to end", .serialized, .tags(.snmpsim))
struct DeviceConstantsEndToEndTests {
    @Test("a constant is a sample of every successful poll; the PBX near its licence pages once, the other not")
    func channelsAgainstLicence() async throws {
        let simulator = try await SNMPSimFixture(recordings: [], extraRecordings: SNMPRecordings.vendorDevices)
        let receiver = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-constants")
        defer { try? FileManager.default.removeItem(at: directory) }
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        try """
        rules:
          - alert: PBXChannelsNearLicence
            expr: astNumChannels > on(device) 0.9 * pbx_channel_licence
            severity: warning
            summary: "{{ $labels.device }} uses {{ $value }} channels"
        """.write(to: alerts.appendingPathComponent("telephony.yaml"), atomically: true, encoding: .utf8)
        let pbx =
            "{address: 127.0.0.1:\(simulator.port), community: \(SNMPRecordings.asteriskPBXName), "
            + "profiles: [system, asterisk]}"
        let config = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 2s
          default_timeout: 1500ms
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: alerts
        devices:
          - name: pbx-milano
            labels: {site: milano}
            constants: {pbx_channel_licence: 6}
            snmp: \(pbx)
          - name: pbx-roma
            labels: {site: roma}
            constants: {pbx_channel_licence: 120}
            snmp: \(pbx)
        notify:
          webhooks:
            - name: oncall
              url: \(receiver.url("/hook"))
              timeout: 2s
        """.write(to: config, atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))

        /// The pages so far, as `device rule event`.
        func pages() throws -> [String] {
            try receiver.recordedRequests().map(WebhookDocument.init).map {
                "\($0.device ?? "?") \($0.rule) \($0.event)"
            }
        }
        try await Ports.waitUntil(timeout: .seconds(60), "no page:\n\(agent.output)") {
            (try? pages()) == ["pbx-milano PBXChannelsNearLicence opened"]
        }
        // pbx-roma's first poll may come up to an interval after pbx-milano's page.
        let milano = #"pbx_channel_licence{device="pbx-milano",probe="snmp",site="milano"} 6"#
        let roma = #"pbx_channel_licence{device="pbx-roma",probe="snmp",site="roma"} 120"#
        try await Ports.waitUntil(timeout: .seconds(10), "the constants are not both in /metrics") {
            let metrics = (try? agent.get("/metrics?all=1")) ?? ""
            return metrics.contains(milano) && metrics.contains(roma)
        }
        // The alert carries the poll's labels, although on(device) kept only `device`.
        let active = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/alerts").utf8)) as? [[String: Any]])
        let labels = try #require(active.first?["labels"] as? [String: String], "\(active)")
        #expect(labels["site"] == "milano" && labels["probe"] == "snmp", "\(labels)")

        // A few more polls: still one page, and none for the PBX far from its licence.
        try await Task.sleep(for: .seconds(5))
        #expect(try pages() == ["pbx-milano PBXChannelsNearLicence opened"])

        // The PBX stops answering: the failed polls carry no constant, so the rule has no data and the
        // incident stays open (it is not resolved by a poll that says nothing).
        simulator.stop()
        try await Ports.waitUntil(timeout: .seconds(30), "the polls did not fail:\n\(agent.output)") {
            (try? agent.metric("up", labels: ["device": "pbx-milano"])) == 0
        }
        try await Task.sleep(for: .seconds(5))
        #expect(try pages() == ["pbx-milano PBXChannelsNearLicence opened"])
        let afterFailure = try agent.get("/metrics?all=1")
        #expect(!afterFailure.contains(#"pbx_channel_licence{device="pbx-milano""#))
        _ = agent.stop()
    }
}
