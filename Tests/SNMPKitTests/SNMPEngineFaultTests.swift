import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// SNMPEngine against misbehaving agents on loopback (`UDPResponderFixture`): garbage and truncated replies, an
/// agent that stops mid-walk, and a slow one. Every failure must be a typed error, never a crash or a hang.
@Suite("SNMPEngine against faulty agents", .tags(.snmpd))
struct SNMPEngineFaultTests {
    let sysName = OID([1, 3, 6, 1, 2, 1, 1, 5, 0])
    let ifTable = OID([1, 3, 6, 1, 2, 1, 2, 2])

    @Test("a reply of random bytes is dropped: the request times out, and the engine keeps working")
    func garbageReply() async throws {
        let agent = try await SNMPAgentFixture()
        let garbage = try await UDPResponderFixture(.garbage)
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let error = await #expect(throws: SNMPError.self) {
            try await engine.get(
                [sysName],
                from: SNMPTestSupport.target(
                    port: garbage.port, community: agent.community, timeout: .milliseconds(500), retries: 1))
        }
        #expect(error?.code == .timeout)
        #expect(error?.target == "127.0.0.1:\(garbage.port)")
        #expect(garbage.requestCount == 2, "one request and one retry, each answered with garbage")
        let values = try await engine.get(
            [sysName], from: SNMPTestSupport.target(port: agent.port, community: agent.community))
        #expect(values.first?.value.textValue == agent.sysName)
    }

    @Test("a reply cut in half is dropped: the request times out")
    func truncatedReply() async throws {
        let agent = try await SNMPAgentFixture()
        let truncated = try await UDPResponderFixture(.truncated(upstreamPort: agent.port))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let error = await #expect(throws: SNMPError.self) {
            try await engine.walk(
                ifTable,
                from: SNMPTestSupport.target(
                    port: truncated.port, community: agent.community, timeout: .milliseconds(500), retries: 1))
        }
        #expect(error?.code == .timeout)
        #expect(error?.oid == ifTable)
        #expect(truncated.requestCount == 2)
    }

    @Test("an agent that goes silent mid-walk fails the walk with a timeout naming the walked subtree")
    func agentStopsMidWalk() async throws {
        let agent = try await SNMPAgentFixture()
        let stopping = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), stopAfter: 3)
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let error = await #expect(throws: SNMPError.self) {
            try await engine.walk(
                ifTable,
                from: SNMPTestSupport.target(
                    port: stopping.port, community: agent.community, timeout: .milliseconds(500), retries: 1),
                maxRepetitions: 2)
        }
        #expect(error?.code == .timeout)
        #expect(error?.oid == ifTable)
        #expect(stopping.requestCount == 5, "3 answered GETBULKs, then one unanswered request and its retry")
    }

    @Test("a slow agent within the timeout answers the same walk as the agent itself")
    func slowAgentWithinTimeout() async throws {
        let agent = try await SNMPAgentFixture()
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .milliseconds(300))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let system = OID([1, 3, 6, 1, 2, 1, 1])
        let direct = try await engine.walk(
            system, from: SNMPTestSupport.target(port: agent.port, community: agent.community))
        let delayed = try await engine.walk(
            system,
            from: SNMPTestSupport.target(port: slow.port, community: agent.community, timeout: .seconds(10)),
            maxRepetitions: 5)
        #expect(delayed.map(\.oid) == direct.map(\.oid))
        #expect(delayed.first { $0.oid == sysName }?.value.textValue == agent.sysName)
    }

    @Test("a device answering from another of its addresses is heard, as net-snmp hears it (v1 and v2c)")
    func replyFromAnotherAddress() async throws {
        let agent = try await SNMPAgentFixture()
        let multihomed = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), replyFrom: "127.0.0.2")
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        for version in [SNMPProtocolVersion.v1, .v2c] {
            let target = SNMPTestSupport.target(port: multihomed.port, community: agent.community, version: version)
            let values = try await engine.get([sysName], from: target)
            #expect(values.first?.value.textValue == agent.sysName, "\(version)")
            let walked = try await engine.walk(OID([1, 3, 6, 1, 2, 1, 1]), from: target, maxRepetitions: 5)
            #expect(walked.contains { $0.oid == sysName }, "\(version)")
        }
    }

    @Test("a late reply to the first attempt is accepted while the retry is pending (same request ID)")
    func lateReplyDuringRetry() async throws {
        let agent = try await SNMPAgentFixture()
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .seconds(3))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        // The first reply comes back 3 s after the first request: past its 2 s attempt, within the retry's.
        let values = try await engine.get(
            [sysName],
            from: SNMPTestSupport.target(port: slow.port, community: agent.community, timeout: .seconds(2), retries: 1))
        #expect(values.first?.value.textValue == agent.sysName)
        #expect(slow.requestCount == 2)
    }

    @Test("a slow agent beyond the timeout and every retry fails with a timeout")
    func slowAgentBeyondTimeout() async throws {
        let agent = try await SNMPAgentFixture()
        let slow = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .seconds(5))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        // Two attempts of 300 ms end long before the first reply comes back, 5 s after the first request.
        let error = await #expect(throws: SNMPError.self) {
            try await engine.get(
                [sysName],
                from: SNMPTestSupport.target(
                    port: slow.port, community: agent.community, timeout: .milliseconds(300), retries: 1))
        }
        #expect(error?.code == .timeout)
        #expect(error?.detail.contains("2 attempts") == true)
    }

    @Test("garbage, truncated, silent and late replies in flight together each fail alone")
    func faultsTogether() async throws {
        let agent = try await SNMPAgentFixture()
        let garbage = try await UDPResponderFixture(.garbage)
        let truncated = try await UDPResponderFixture(.truncated(upstreamPort: agent.port))
        let silent = try await UDPResponderFixture(.silent)
        let late = try await UDPResponderFixture(.proxy(upstreamPort: agent.port), delay: .seconds(2))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let ifTable = self.ifTable
        let community = agent.community
        let outcomes = await withTaskGroup(of: (Int, Result<[SNMPVarBind], SNMPError>).self) { group in
            for port in [garbage.port, truncated.port, silent.port, late.port, agent.port] {
                let target = SNMPTestSupport.target(
                    port: port, community: community, timeout: .milliseconds(500), retries: 1)
                group.addTask {
                    let outcome = await SNMPTestSupport.outcome { () async throws(SNMPError) in
                        try await engine.walk(ifTable, from: target)
                    }
                    return (port, outcome)
                }
            }
            var outcomes: [Int: Result<[SNMPVarBind], SNMPError>] = [:]
            for await (port, outcome) in group { outcomes[port] = outcome }
            return outcomes
        }
        #expect(try outcomes[agent.port]?.get().isEmpty == false)
        for port in [garbage.port, truncated.port, silent.port, late.port] {
            guard case .failure(let error) = outcomes[port] else {
                Issue.record(
                    "the faulty agent on port \(port) should have failed: \(String(describing: outcomes[port]))")
                continue
            }
            #expect(error.code == .timeout, "port \(port)")
        }
    }
}
