import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// SNMPProbe against misbehaving agents (`UDPResponderFixture` in front of a real snmpd): every fault is a typed
/// failure reported by the deadline, with the samples collected before it kept.
@Suite("SNMPProbe against faulty agents", .tags(.snmpd))
struct SNMPProbeFaultTests {
    @Test("a device answering garbage is a timeout failure without samples")
    func garbage() async throws {
        let garbage = try await UDPResponderFixture(.garbage)
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: garbage.port, community: "public",
            deadline: .seconds(2))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
        #expect(garbage.requestCount >= 1)
    }

    @Test("a device whose replies are cut short is a timeout failure without samples")
    func truncated() async throws {
        let agent = try await SNMPAgentFixture()
        let truncated = try await UDPResponderFixture(.truncated(upstreamPort: agent.port))
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: truncated.port, community: agent.community,
            deadline: .seconds(2))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
    }

    @Test("an agent stopping mid-run is a timeout failure that keeps the samples collected before it")
    func agentStopsMidRun() async throws {
        let agent = try await SNMPAgentFixture(sysName: "stops-mid-run")
        // The scalars come in the first GET, which is answered; the walks that follow are not.
        let stopping = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), stopAfter: 1)
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system", "if-mib"), port: stopping.port, community: agent.community,
            deadline: .seconds(3))
        #expect(result.failureCode == .timeout)
        #expect(result.value("sysName", ["sysName": "stops-mid-run"]) == 1)
        #expect(try #require(result.value("sysUpTime")) >= 0)
        #expect(result.sample("ifHCInOctets") == nil, "the walks were never answered")
        if case .failure(let failure) = result.outcome {
            #expect(failure.message.contains("127.0.0.1:\(stopping.port)"))
        }
    }

    @Test("a slow agent answering within the deadline is polled successfully")
    func slowWithinDeadline() async throws {
        let agent = try await SNMPAgentFixture(sysName: "slow-agent")
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .milliseconds(100))
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system"), port: slow.port, community: agent.community, deadline: .seconds(30))
        #expect(result.outcome == .success)
        #expect(result.value("sysName", ["sysName": "slow-agent"]) == 1)
    }

    @Test("a slow agent answering after the deadline is a timeout failure")
    func slowBeyondDeadline() async throws {
        let agent = try await SNMPAgentFixture()
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .seconds(5))
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system"), port: slow.port, community: agent.community, deadline: .seconds(1))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
    }

    @Test("a wrong community is a timeout failure (v2c agents stay silent), naming the device")
    func wrongCommunity() async throws {
        let agent = try await SNMPAgentFixture()
        let result = await SNMPProbeTestSupport.run(
            try TestProfiles.named("system"), port: agent.port, community: "not-the-community", deadline: .seconds(2))
        #expect(result.failureCode == .timeout)
        #expect(result.samples.isEmpty)
        if case .failure(let failure) = result.outcome {
            #expect(failure.message.contains("127.0.0.1:\(agent.port)"))
            #expect(failure.message.contains("community"), "the message hints at the community")
        }
    }
}
