import Foundation
import Testing
import VedettaTestSupport

/// The OpenAPI document against the live agent: PyPI `schemathesis` reads `/api/v1/openapi.json` from a real
/// `vedetta run` (polling a real SNMP simulator, with on-call, maintenance and reports wired) and fuzzes every
/// operation with valid and invalid requests, then chains them (create a window, edit it, end it…) through the
/// document's links. No answer may be a server error, and every answer must match the
/// document: its status, content type and body schema.
@Suite("The API against its OpenAPI document, fuzzed by schemathesis", .serialized)
struct APISchemaEndToEndTests {
    @Test("schemathesis finds no server error and no answer that breaks the document")
    func schemathesis() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let webhook = try await HTTPServerFixture.start()
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-openapi")
        for folder in ["alerts", "oncall"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let port = try Ports.freePort()
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        try """
        agent:
          default_interval: 1s
          default_timeout: 800ms
          public_url: http://127.0.0.1:\(port)
        probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)
        alerts_dir: alerts
        oncall_dir: oncall
        devices:
          - name: pbx-milano
            labels: {site: milano, role: pbx}
            snmp:
              address: 127.0.0.1:\(simulator.port)
              community: recorded/linux-full-walk
              retries: 0
              profiles: [system]
          - name: switch-roma
            labels: {site: roma, role: switch}
            snmp:
              address: 127.0.0.1:\(try Ports.freePort())
              community: public
              retries: 0
              profiles: [system]
        notify:
          webhooks:
            - name: oncall
              url: \(webhook.url("/hook"))
        """.write(to: configFile, atomically: true, encoding: .utf8)
        try """
        rules:
          - alert: DeviceUnreachable
            expr: up{probe="snmp"} == 0
            severity: critical
            summary: "{{ $labels.device }} does not answer SNMP"
        """.write(to: directory.appendingPathComponent("alerts/test.yaml"), atomically: true, encoding: .utf8)
        try """
        people:
          - {name: luca, email: luca@example.it, phone: "+393331234503"}
          - {name: marco, email: marco@example.it, phone: "+393331234501", language: it}
        schedules:
          - name: noc
            layers: [{name: base, start: 2026-01-05T08:00, shift: weekly, participants: [luca, marco]}]
        """.write(to: directory.appendingPathComponent("oncall/noc.yaml"), atomically: true, encoding: .utf8)
        let agent = try await AgentProcess(
            configFile: configFile, dataDirectory: directory.appendingPathComponent("data"), port: port)
        defer { _ = agent.stop() }
        // A dead device: incident 1 is open, so the operations on an incident reach a real one.
        try await Ports.waitUntil(timeout: .seconds(30), "no incident opened:\n\(agent.output)") {
            (try? agent.get("/api/v1/incidents/1"))?.contains("switch-roma") == true
        }

        let report = directory.appendingPathComponent("schemathesis.xml")
        let result = try ToolRunner.run(
            RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/st").path,
            [
                "run", "http://127.0.0.1:\(port)/api/v1/openapi.json", "--header", agent.authorization,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", "25", "--seed", "20261203",
                "--workers", "1", "--request-timeout", "10", "--no-shrink",
                "--report", "junit", "--report-junit-path", report.path,
            ],
            environment: ["SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"], timeout: .seconds(600))
        #expect(
            result.status == 0,
            "schemathesis found problems (report: \(report.path)):\n\(result.standardOutput.suffix(12_000))")
        #expect(agent.isRunning, "the agent survived the fuzzing")
        #expect(try agent.get("/healthz").contains("\"status\" : \"ok\""))
    }
}
