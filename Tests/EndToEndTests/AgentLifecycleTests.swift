import Foundation
import Testing
import VedettaTestSupport

/// What an operator sees of the agent process itself: signals, a taken port, a page that cannot be delivered.
@Suite("Agent process, end to end", .serialized)
struct AgentLifecycleTests {
    /// A configuration without devices (or with `devices`), in a fresh directory.
    private static func configuration(_ text: String = "devices: []\n") throws -> (config: URL, data: URL) {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-lifecycle")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        return (config, directory.appendingPathComponent("data"))
    }

    @Test("a listen address in use fails at once, naming the address, without claiming to have started")
    func listenAddressInUse() async throws {
        let lab = try Self.configuration()
        let first = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        let second = try ToolRunner.vedetta([
            "run", "--config", lab.config.path, "--data", lab.data.path, "--listen", "127.0.0.1:\(first.port)",
        ])
        #expect(second.status == 1)
        #expect(
            second.standardError.contains(
                "vedetta: cannot listen on 127.0.0.1:\(first.port): address already in use; another program"),
            "got: \(second.standardError)")
        #expect(!second.standardError.contains("vedetta started"))
        #expect(first.isRunning)
        #expect(first.stop() == 0)
    }

    @Test("a page the receiver rejects is abandoned with a warning and counted in /metrics")
    func abandonedPageIsAWarningAndCounted() async throws {
        let receiver = try await HTTPServerFixture.start()
        let lab = try Self.configuration(
            """
            agent:
              default_interval: 1s
              default_timeout: 500ms
            probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
            alerts_dir: alerts
            devices:
              - name: crm-web
                http: {url: "http://127.0.0.1:\(try Ports.freePort())/"}
            notify:
              webhooks:
                - name: oncall
                  url: \(receiver.url("/status/400"))
            """)
        let alerts = lab.config.deletingLastPathComponent().appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        try """
        rules:
          - alert: HTTPCheckDown
            expr: up{probe="http"} == 0
            severity: critical
            summary: "{{ $labels.device }} does not answer"
        """.write(to: alerts.appendingPathComponent("test.yaml"), atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(configFile: lab.config, dataDirectory: lab.data)
        try await Ports.waitUntil(timeout: .seconds(60), "no abandoned page:\n\(agent.output)") {
            agent.output.contains("notification abandoned")
        }
        let line = agent.output.split(separator: "\n").first { $0.contains("notification abandoned") } ?? ""
        #expect(line.contains(" warning "), "got: \(line)")
        #expect(line.contains("HTTP 400"))
        #expect(
            try agent.metric("vedetta_notifications_total", labels: ["channel": "oncall", "result": "abandoned"]) == 1)
        #expect(agent.stop() == 0)
    }

    @Test("two channels with one name: the agent refuses to start and names both definitions")
    func duplicateChannelNames() throws {
        let lab = try Self.configuration(
            """
            notify:
              webhooks:
                - {name: oncall, url: "http://127.0.0.1:9/a"}
                - {name: oncall, url: "http://127.0.0.1:9/b"}
            """)
        let run = try ToolRunner.vedetta(["run", "--config", lab.config.path, "--data", lab.data.path])
        #expect(run.status == 2)
        #expect(run.standardError.contains("vedetta.yaml:4:14: error: duplicate channel \"oncall\"; first defined at "))
        #expect(run.standardError.contains("vedetta.yaml:3\n"))
        #expect(!FileManager.default.fileExists(atPath: lab.data.path), "nothing was started")
        let check = try ToolRunner.vedetta(["check", "--config", lab.config.path])
        #expect(check.status == 1)
        #expect(check.standardError.contains("duplicate channel \"oncall\""))
    }
}
