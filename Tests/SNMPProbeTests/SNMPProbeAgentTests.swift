import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// SNMPProbe against a real snmpd on loopback: live data, an outage, and cancellation.
@Suite("SNMPProbe against snmpd", .tags(.snmpd))
struct SNMPProbeAgentTests {
    @Test("a live agent yields system and interface samples, with the loopback interface up")
    func liveAgent() async throws {
        let agent = try await SNMPAgentFixture(sysName: "probe-test", sysLocation: "Lab bench")
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib", "host-resources"), port: agent.port,
            community: agent.community)
        #expect(result.outcome == .success)
        #expect(result.value("sysName", ["sysName": "probe-test"]) == 1)
        #expect(result.value("sysLocation", ["sysLocation": "Lab bench"]) == 1)
        #expect(try #require(result.value("sysUpTime")) >= 0)
        #expect(result.value("ifOperStatus", ["ifDescr": "lo"]) == 1)
        #expect(result.value("ifType", ["ifDescr": "lo"]) == 24)
        #expect(result.sample("ifHCInOctets", ["ifName": "lo"])?.kind == .counter)
        #expect(try #require(result.value("hrSystemProcesses")) > 0)
        #expect(result.phases[.total] != nil)
    }

    @Test("a stopped agent is a timeout failure, reported before the deadline is far exceeded")
    func stoppedAgent() async throws {
        let agent = try await SNMPAgentFixture()
        agent.stop()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: agent.port, community: agent.community,
            deadline: .seconds(2))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
        if case .failure(let failure) = result.outcome {
            #expect(failure.message.contains("127.0.0.1:\(agent.port)"))
        }
    }

    @Test("an agent that comes back is polled successfully again")
    func recovery() async throws {
        let agent = try await SNMPAgentFixture()
        agent.stop()
        let down = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system"), port: agent.port, community: agent.community, deadline: .seconds(1))
        #expect(down.failureCode == .timeout)
        try await agent.start()
        let up = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system"), port: agent.port, community: agent.community)
        #expect(up.outcome == .success)
        #expect(up.value("sysName", ["sysName": agent.sysName]) == 1)
    }

    @Test("cancelling a probe run returns a timeout failure promptly")
    func cancelled() async throws {
        let agent = try await SNMPAgentFixture()
        agent.stop()
        let profiles = try TestProfiles.named("system")
        let task = Task {
            await SNMPProbeTestSupport.run(
                profiles, port: agent.port, community: agent.community, deadline: .seconds(600))
        }
        try await Task.sleep(for: .milliseconds(100))  // let it get in flight (the outcome is the same if not)
        task.cancel()
        let result = await task.value
        #expect(result.failureCode == .timeout)
    }
}
