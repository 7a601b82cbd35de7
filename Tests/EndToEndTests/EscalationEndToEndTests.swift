import Foundation
import Testing
import VedettaTestSupport

/// Escalation on real parts: the `vedetta` binary polls a real SNMP simulator, pages by e-mail through a real SMTP
/// server (aiosmtpd) and by SMS through a real HTTP gateway, and is killed with SIGKILL between two steps.
@Suite("Escalation, end to end", .serialized)
struct EscalationEndToEndTests {
    /// A lab: luca is on call for noc but marco covers him (a substitution); paolo is the team lead.
    private struct Lab {
        let directory: URL
        let configFile: URL
        let dataDirectory: URL
        let port: Int

        init(simulator: SNMPSimFixture, smtp: SMTPServerFixture, gateway: HTTPServerFixture) throws {
            directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-escalation")
            configFile = directory.appendingPathComponent("vedetta.yaml")
            dataDirectory = directory.appendingPathComponent("data")
            port = try Ports.freePort()
            for folder in ["alerts", "oncall"] {
                try FileManager.default.createDirectory(
                    at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let probes = RepositoryPaths.root.appendingPathComponent("probes").path
            try """
            agent:
              default_interval: 1s
              default_timeout: 800ms
              public_url: http://127.0.0.1:\(port)
            probes_dir: \(probes)
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
            notify:
              email:
                - name: mail
                  smtp: \(smtp.url)
                  security: none
                  from: "Vedetta <vedetta@example.it>"
              sms:
                - name: sms
                  url: \(gateway.url("/sms"))
                  body: '{"to": "{{phone}}", "text": "{{text}}"}'
              escalation_policies:
                - name: noc
                  repeat: 1
                  steps:
                    - notify: [{schedule: noc, via: [mail]}]
                      wait: 5s
                    - notify: [{schedule: team-lead, via: [sms]}]
                      wait: 10s
              routes:
                - escalation: noc
            """.write(to: configFile, atomically: true, encoding: .utf8)
            try """
            rules:
              - alert: DeviceUnreachable
                expr: up{probe="snmp"} == 0
                for: 0s
                severity: critical
                summary: "{{ $labels.device }} does not answer SNMP"
            """.write(
                to: directory.appendingPathComponent("alerts/test.yaml"), atomically: true, encoding: .utf8)
            try """
            people:
              - {name: luca, email: luca@example.it, phone: "+393331234503"}
              - {name: marco, email: marco@example.it, phone: "+393331234501", language: it}
              - {name: paolo, email: paolo@example.it, phone: "+393331234505", language: en}
            schedules:
              - name: noc
                layers: [{name: base, start: 2026-01-05T08:00, shift: weekly, participants: [luca]}]
              - name: team-lead
                layers: [{name: lead, start: 2026-01-05T08:00, shift: weekly, participants: [paolo]}]
            """.write(
                to: directory.appendingPathComponent("oncall/noc.yaml"), atomically: true, encoding: .utf8)
        }

        func vedetta(_ arguments: [String]) throws -> ToolRunner.Output {
            try ToolRunner.vedetta(arguments + ["--config", configFile.path, "--data", dataDirectory.path])
        }
    }

    @Test(
        "device down → e-mail to the person on call (a substitute) → kill -9 → SMS to the team lead once → acknowledged by the link → nothing more → device back → resolved to both"
    )
    func escalation() async throws {
        let simulator = try await SNMPSimFixture(recordings: ["recorded/linux-full-walk"])
        let smtp = try await SMTPServerFixture.start()
        let gateway = try await HTTPServerFixture.start()
        let lab = try Lab(simulator: simulator, smtp: smtp, gateway: gateway)

        let agent = try await AgentProcess(configFile: lab.configFile, dataDirectory: lab.dataDirectory, port: lab.port)
        defer { _ = agent.stop() }
        // Marco covers luca's shifts (stored while the agent runs, as people do): the page must go to marco.
        let substitution = try lab.vedetta([
            "oncall", "substitutions", "add", "--schedule", "noc", "--substitute", "marco", "--covers", "luca",
            "--start", "now", "--duration", "24h", "--reason", "cambio turno", "--by", "paolo",
        ])
        try #require(substitution.status == 0, "\(substitution.standardError)")
        try await waitForProbeRuns(agent, atLeast: 2)
        #expect(try smtp.messages().isEmpty)

        // Level 1: an e-mail to marco, in Italian, with the link that acknowledges.
        simulator.stop()
        let first = try await waitForMail(smtp, count: 1, agent: agent)
        #expect(first[0].rcptTos == ["marco@example.it"])
        #expect(first[0].subject.hasPrefix("[CRITICO] DeviceUnreachable su pbx-milano"))
        let text = try #require(first[0].text)
        #expect(text.contains("Escalation: livello 1"))
        let link = try #require(Self.acknowledgeLink(in: text, port: lab.port), "no link in:\n\(text)")
        #expect(link.contains("by=marco"))

        // A crash between level 1 and level 2: the restarted agent takes level 2 once and does not repeat level 1.
        agent.kill()
        try await agent.start()
        let sms = try await gateway.waitForRequests(atLeast: 1, timeout: .seconds(30))
        #expect(sms.count == 1)
        #expect(sms[0].path == "/sms")
        #expect(sms[0].body.contains("+393331234505"))
        #expect(sms[0].body.contains("[CRITICAL] DeviceUnreachable on pbx-milano"))
        #expect(try smtp.messages().count == 1)

        // Opening the link shows a button and acknowledges nothing; pressing it acknowledges as marco.
        let page = try ControlRequest.json("GET", link, body: nil)
        #expect(page.status == 200)
        #expect(page.body.contains("<form method=\"post\""))
        #expect(
            try lab.vedetta(["incidents", "list", "--state", "unacknowledged", "--json"]).standardOutput.contains(
                "pbx-milano"))
        let pressed = try ControlRequest.json("POST", link, body: nil)
        #expect(pressed.status == 200)
        #expect(pressed.body.contains("marco"))
        // A changed link is refused.
        #expect(
            try ControlRequest.json("POST", link.replacingOccurrences(of: "by=marco", with: "by=luca"), body: nil)
                .status == 403)

        // Round 2 would have paged marco again 15 s after level 1: nobody is paged after the acknowledgement.
        try await Task.sleep(for: .seconds(12))
        #expect(try smtp.messages().count == 1)
        #expect(try gateway.recordedRequests().count == 1)

        // The device returns: one "resolved" to each person paged, through the channel that paged them.
        try await simulator.start()
        let resolvedMail = try await waitForMail(smtp, count: 2, agent: agent)
        #expect(resolvedMail[1].rcptTos == ["marco@example.it"])
        #expect(resolvedMail[1].subject.hasPrefix("[RIPRISTINATO]"))
        let resolvedSMS = try await gateway.waitForRequests(atLeast: 2, timeout: .seconds(30))
        #expect(resolvedSMS[1].body.contains("[RESTORED]"))
        #expect(resolvedSMS[1].body.contains("+393331234505"))
        try await waitForProbeRuns(agent, atLeast: 3)
        #expect(try smtp.messages().count == 2)
        #expect(try gateway.recordedRequests().count == 2)

        // The timeline tells the story.
        let incidents = try #require(
            try JSONSerialization.jsonObject(with: Data(agent.get("/api/v1/incidents?state=all").utf8))
                as? [[String: Any]])
        let timeline = (incidents.first?["timeline"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(timeline.filter { $0 == "escalated" }.count == 2)
        #expect(timeline.contains("acknowledged"))
        #expect(timeline.contains("escalation_stopped"))
        #expect(agent.stop() == 0)
    }

    private static func acknowledgeLink(in text: String, port: Int) -> String? {
        let prefix = "http://127.0.0.1:\(port)/ack/"
        guard let start = text.range(of: prefix)?.lowerBound else { return nil }
        return String(text[start...].prefix { !$0.isWhitespace })
    }

    private func waitForMail(_ smtp: SMTPServerFixture, count: Int, agent: AgentProcess) async throws
        -> [SMTPServerFixture.Message]
    {
        try await Ports.waitUntil(timeout: .seconds(30), "fewer than \(count) e-mails arrived:\n\(agent.output)") {
            ((try? smtp.messages().count) ?? 0) >= count
        }
        return try smtp.messages()
    }
}
