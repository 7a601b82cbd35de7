import Foundation
import Testing
import VedettaTestSupport

/// Noise control with the real agent: a plugin reports a CPU that hovers around its threshold and a link that
/// drops for a moment; with `clear` and `keep_firing_for` the real webhook receiver gets one page and one resolve
/// each, not one per crossing.
@Suite("Noise control, end to end", .serialized)
struct NoiseControlEndToEndTests {
    @Test("a CPU between clear and expr stays one incident; a short link drop neither resolves nor re-pages")
    func onePagePerOutage() async throws {
        let lab = try await ExecPluginLab.make(prefix: "vedetta-noise", plugin: "check_server")
        let receiver = lab.receiver
        func report(cpu: Int, link: Int) throws {
            try lab.report(exit: 0, "SERVER OK | cpu=\(cpu)%;90;95;0;100 link=\(link);;;0;1\n")
        }
        try report(cpu: 40, link: 1)
        let agent = try await lab.startAgent(
            device: "crm-milano", labels: "{site: milano, role: crm}",
            rules: """
                rules:
                  - alert: HighCPU
                    expr: 'exec_perfdata{label="cpu"} > 90'
                    clear: 'exec_perfdata{label="cpu"} < 75'
                    severity: critical
                    summary: "{{ $labels.device }} CPU {{ $value }} %"
                  - alert: LinkDown
                    expr: 'exec_perfdata{label="link"} == 0'
                    keep_firing_for: 8s
                    severity: critical
                    summary: "{{ $labels.device }} link down"
                """)

        /// The pages so far, as `rule event`.
        func pages() throws -> [String] {
            try receiver.recordedRequests().map(WebhookDocument.init).map { "\($0.rule) \($0.event)" }
        }
        /// Waits until the agent has polled `cpu` and `link`, then for one more interval.
        func polled(cpu: Int, link: Int) async throws {
            try await Ports.waitUntil(timeout: .seconds(30), "no poll of cpu \(cpu), link \(link):\n\(agent.output)") {
                (try? agent.metric("exec_perfdata", labels: ["label": "cpu"])) == Double(cpu)
                    && (try? agent.metric("exec_perfdata", labels: ["label": "link"])) == Double(link)
            }
        }

        try await polled(cpu: 40, link: 1)
        #expect(try pages().isEmpty)

        // Above 90: one page. Between 75 and 90, above again, between again: nothing more.
        try report(cpu: 95, link: 1)
        try await Ports.waitUntil(timeout: .seconds(30), "no page:\n\(agent.output)") {
            (try? pages()) == ["HighCPU opened"]
        }
        for cpu in [85, 93, 80] {
            try report(cpu: cpu, link: 1)
            try await polled(cpu: cpu, link: 1)
        }
        try await Task.sleep(for: .seconds(2))
        #expect(try pages() == ["HighCPU opened"])
        // Below 75: resolved once; back to 85 (below expr): no new page.
        try report(cpu: 70, link: 1)
        try await Ports.waitUntil(timeout: .seconds(30), "no resolve:\n\(agent.output)") {
            (try? pages()) == ["HighCPU opened", "HighCPU restored"]
        }
        try report(cpu: 85, link: 1)
        try await polled(cpu: 85, link: 1)
        try await Task.sleep(for: .seconds(2))
        #expect(try pages() == ["HighCPU opened", "HighCPU restored"])

        // The link drops: one page. Up for one poll, down again: within keep_firing_for, nothing.
        try report(cpu: 40, link: 0)
        try await Ports.waitUntil(timeout: .seconds(30), "no link page:\n\(agent.output)") {
            (try? pages().last) == "LinkDown opened"
        }
        try report(cpu: 40, link: 1)
        try await polled(cpu: 40, link: 1)
        try report(cpu: 40, link: 0)
        try await polled(cpu: 40, link: 0)
        try await Task.sleep(for: .seconds(2))
        #expect(try pages().filter { $0.hasPrefix("LinkDown") } == ["LinkDown opened"])
        // Up for good: resolved once keep_firing_for has passed.
        try report(cpu: 40, link: 1)
        try await polled(cpu: 40, link: 1)
        #expect(try pages().filter { $0.hasPrefix("LinkDown") } == ["LinkDown opened"])
        try await Ports.waitUntil(timeout: .seconds(30), "no link resolve:\n\(agent.output)") {
            (try? pages().filter { $0.hasPrefix("LinkDown") }) == ["LinkDown opened", "LinkDown restored"]
        }
        #expect(agent.stop() == 0)
    }
}
