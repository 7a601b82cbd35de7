import Foundation
import Testing
import VedettaTestSupport

/// The real agent receives notifications from the real `snmptrap` and `snmpinform`: the shipped trap rules page
/// the real webhook receiver, clearing notifications resolve, bad senders are counted, and a burst of 10,000 traps
/// is taken in full without delaying polling.
@Suite("SNMP traps, end to end", .serialized)
struct TrapEndToEndTests {
    /// An agent polling a real snmpd as device `sw1` every second, listening for traps on a loopback port, with the
    /// shipped `alerts/snmp-traps.yaml`.
    struct Lab {
        let directory: URL
        let snmpd: SNMPAgentFixture
        let webhook: HTTPServerFixture
        let agent: AgentProcess
        let trapPort: Int

        init(queue: Int? = nil) async throws {
            directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-traps")
            snmpd = try await SNMPAgentFixture(community: "public")
            webhook = try await HTTPServerFixture.start()
            trapPort = try Ports.freePort()
            let alerts = directory.appendingPathComponent("alerts")
            try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: RepositoryPaths.root.appendingPathComponent("alerts/snmp-traps.yaml"),
                to: alerts.appendingPathComponent("snmp-traps.yaml"))
            let config = directory.appendingPathComponent("vedetta.yaml")
            try """
            probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
            alerts_dir: alerts
            traps:
              listen: [udp:127.0.0.1:\(trapPort)]
              \(queue.map { "queue: \($0)" } ?? "")
              users:
                - username: trapper
                  security_level: auth_priv
                  auth_protocol: sha256
                  auth_password: trap-auth-pass
                  priv_protocol: aes
                  priv_password: trap-priv-pass
            devices:
              - name: sw1
                interval: 1s
                timeout: 800ms
                snmp: {address: 127.0.0.1:\(snmpd.port), community: public, retries: 0, profiles: [system]}
            notify:
              webhooks:
                - name: oncall
                  url: \(webhook.url("/hook"))
                  timeout: 2s
            """.write(to: config, atomically: true, encoding: .utf8)
            agent = try await AgentProcess(configFile: config, dataDirectory: directory.appendingPathComponent("data"))
            let port = trapPort
            try await Ports.waitUntil(timeout: .seconds(30), "the agent does not listen for traps") {
                Ports.isUDPBound(port: port)
            }
        }

        func send(_ tool: String, _ arguments: [String]) throws {
            try ToolRunner.run(
                "/usr/bin/\(tool)", ["-On", "-M", "/nonexistent"] + arguments,
                environment: ["MIBS": "", "SNMPCONFPATH": "/nonexistent"], timeout: .seconds(30)
            ).requireSuccess("\(tool) \(arguments.joined(separator: " "))")
        }

        func stop() {
            _ = agent.stop()
            webhook.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static let linkDown = "1.3.6.1.6.3.1.1.5.3"
    static let linkUp = "1.3.6.1.6.3.1.1.5.4"
    static let port7 = [
        "1.3.6.1.2.1.2.2.1.1.7", "i", "7", "1.3.6.1.2.1.2.2.1.7.7", "i", "1", "1.3.6.1.2.1.2.2.1.8.7", "i", "2",
        "1.3.6.1.2.1.2.2.1.2.7", "s", "GigabitEthernet0/7",
    ]

    @Test("linkDown pages once and its linkUp resolves; a v3 inform opens its alert; bad senders are counted")
    func trapsPageAndResolve() async throws {
        let lab = try await Lab()
        defer { lab.stop() }
        let target = "127.0.0.1:\(lab.trapPort)"

        try lab.send("snmptrap", ["-v", "2c", "-c", "public", target, "", Self.linkDown] + Self.port7)
        try lab.send("snmptrap", ["-v", "2c", "-c", "public", target, "", Self.linkDown] + Self.port7)  // a repeat
        _ = try await lab.webhook.waitForRequests(atLeast: 1)
        let page = try WebhookDocument(try #require(try lab.webhook.recordedRequests().first))
        #expect(page.event == "opened")
        #expect(page.rule == "PortDownTrap")
        #expect(page.device == "sw1")
        #expect(page.subject.contains("sw1: port 7 GigabitEthernet0/7 went down (trap)"), "\(page.subject)")

        try lab.send(
            "snmptrap",
            ["-v", "1", "-c", "public", target, "1.3.6.1.4.1.8072.3.2.10", "127.0.0.1", "3", "0", ""]
                + Self.port7.prefix(3))
        _ = try await lab.webhook.waitForRequests(atLeast: 2)
        let resolved = try WebhookDocument(try lab.webhook.recordedRequests()[1])
        #expect(resolved.event == "restored")
        #expect(resolved.incidentID == page.incidentID)

        // An SNMPv3 authPriv inform: acknowledged (snmpinform exits 0 only then) and turned into its alert.
        try lab.send(
            "snmpinform",
            [
                "-v", "3", "-u", "trapper", "-l", "authPriv", "-a", "SHA-256", "-A", "trap-auth-pass", "-x", "AES",
                "-X",
                "trap-priv-pass", "-t", "3", "-r", "1", target, "", "1.3.6.1.6.3.1.1.5.1",
            ])
        _ = try await lab.webhook.waitForRequests(atLeast: 3)
        #expect(try WebhookDocument(try lab.webhook.recordedRequests()[2]).rule == "DeviceRestartedTrap")

        // Dropped and counted: a wrong community, an address that is no device, garbage.
        try lab.send("snmptrap", ["-v", "2c", "-c", "guessed", target, "", Self.linkDown])
        try lab.send("snmptrap", ["-v", "2c", "-c", "public", "--clientaddr=127.0.0.9", target, "", Self.linkDown])
        try await Ports.waitUntil(timeout: .seconds(20), "drops not counted:\n\(lab.agent.output)") {
            (try? lab.agent.metric("vedetta_traps_dropped_total", labels: ["reason": "unknown_sender"])) == 1
                && (try? lab.agent.metric("vedetta_traps_dropped_total", labels: ["reason": "bad_community"])) == 1
        }
        #expect(try lab.agent.metric("vedetta_traps_received_total", labels: ["version": "v2c", "kind": "trap"]) == 2)
        #expect(try lab.agent.metric("vedetta_traps_received_total", labels: ["version": "v3", "kind": "inform"]) == 1)
        #expect(try lab.agent.metric("vedetta_traps_received_total", labels: ["version": "v1"]) == 1)
        #expect(try lab.webhook.recordedRequests().count == 3, "no page for dropped notifications")
        #expect(lab.agent.output.contains("SNMP notification dropped"))
        #expect(!lab.agent.output.contains("guessed"), "a community is never logged")
    }

    @Test("10,000 traps in a bounded burst: all counted, memory bounded, polling not delayed")
    func burst() async throws {
        let lab = try await Lab()
        defer { lab.stop() }
        try await waitForProbeRuns(lab.agent, atLeast: 2)
        let memoryBefore = try #require(lab.agent.residentMemory)
        let runsBefore = try lab.agent.metric("vedetta_probe_runs_total", labels: ["kind": "snmp"])
        let started = ContinuousClock.now

        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/traps/trap_burst.py").path
        let burst = try ToolRunner.run(
            "/usr/bin/python3", [script, "--port", "\(lab.trapPort)", "--count", "10000", "--rate", "5000"],
            timeout: .seconds(60))
        try burst.requireSuccess("trap_burst.py")
        try await Ports.waitUntil(timeout: .seconds(60), "not every trap was counted:\n\(lab.agent.output)") {
            (try? lab.agent.metric("vedetta_traps_received_total")) == 10_000
        }
        let elapsed = ContinuousClock.now - started
        #expect(try lab.agent.metric("vedetta_traps_dropped_total") == 0)
        // One incident per port of the burst (20), each paged once.
        try await Ports.waitUntil(timeout: .seconds(60), "the 20 ports' pages did not all arrive") {
            (try? lab.webhook.recordedRequests().count) == 20
        }
        // Polling went on at its 1 s interval through the burst: over the 6 s from its start, at least 5 polls.
        let window = Duration.seconds(6)
        if ContinuousClock.now - started < window { try await Task.sleep(until: started + window) }
        let runs = try lab.agent.metric("vedetta_probe_runs_total", labels: ["kind": "snmp"]) - runsBefore
        #expect(runs >= 5, "\(runs) polls in \(window)")
        #expect(try lab.agent.metric("vedetta_probe_skipped_total") == 0)
        let growth = (lab.agent.residentMemory ?? 0) - memoryBefore
        #expect(growth < 64 << 20, "resident memory grew by \(growth) bytes")
        print(
            "trap burst: \(burst.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)); counted in \(elapsed); polls \(runs); RSS +\(growth / 1024) KiB"
        )
    }
}
