import Foundation
import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// SNMPEngine against a real net-snmp agent (snmpd) on loopback, one agent per test.
@Suite("SNMPEngine against snmpd", .tags(.snmpd))
struct SNMPEngineAgentTests {
    let ifTable = OID([1, 3, 6, 1, 2, 1, 2, 2])

    @Test("a GETBULK walk of ifTable matches snmpbulkwalk varbind for varbind")
    func walkMatchesCommandLine() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        // snmpd describes this host's interfaces, and other suites running beside this one add and remove veth
        // pairs for their network namespaces: when the two walks saw different rows, both are taken again.
        var ours: [SNMPVarBind] = []
        var reference: [SNMPCommandLine.PrintedVarBind] = []
        for _ in 1...5 {
            ours = try await engine.walk(
                ifTable, from: SNMPTestSupport.target(port: agent.port, community: agent.community),
                maxRepetitions: 25)
            reference = try SNMPCommandLine.bulkWalk(
                port: agent.port, community: agent.community, oid: "1.3.6.1.2.1.2.2")
            if ours.map(\.oid.description) == reference.filter({ $0.type != "endOfMibView" }).map(\.oid) { break }
        }
        #expect(!ours.isEmpty)
        // Interface counters keep moving on a live host (our own traffic crosses lo), so their values are
        // compared by type only; every other column must be identical.
        SNMPTestSupport.expectSameWalk(ours, reference, volatileTypes: ["Counter32", "Counter64"])
    }

    @Test("the engine's loop thread is named vedetta-snmp where the system shows it (top -H, /proc)")
    func loopThreadName() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        _ = try await engine.get(
            [OID([1, 3, 6, 1, 2, 1, 1, 3, 0])],
            from: SNMPTestSupport.target(port: agent.port, community: agent.community))
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        let names = tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
        #expect(names.contains("vedetta-snmp\n"), "thread names: \(Set(names).sorted())")
    }

    @Test("a GET of several scalars returns values in order, with noSuchObject for a missing one")
    func getScalars() async throws {
        let agent = try await SNMPAgentFixture(sysName: "get-test", sysLocation: "Rack 7")
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let oids = [
            OID([1, 3, 6, 1, 2, 1, 1, 5, 0]), OID([1, 3, 6, 1, 2, 1, 1, 3, 0]), OID([1, 3, 6, 1, 2, 1, 1, 99, 0]),
            OID([1, 3, 6, 1, 2, 1, 1, 6, 0]),
        ]
        let values = try await engine.get(
            oids, from: SNMPTestSupport.target(port: agent.port, community: agent.community))
        #expect(values.map(\.oid) == oids)
        #expect(values[0].value.textValue == "get-test")
        guard case .timeTicks = values[1].value else {
            Issue.record("sysUpTime should be TimeTicks, got \(values[1].value)")
            return
        }
        #expect(values[2].value == .noSuchObject)
        #expect(values[3].value.textValue == "Rack 7")
    }

    @Test("GETNEXT steps to the next object")
    func getNext() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let values = try await engine.getNext(
            [OID([1, 3, 6, 1, 2, 1, 1, 4])], from: SNMPTestSupport.target(port: agent.port, community: agent.community))
        #expect(values.map(\.oid) == [OID([1, 3, 6, 1, 2, 1, 1, 4, 0])])
        #expect(values.first?.value.textValue == agent.sysContact)
    }

    @Test("a v1 walk (GETNEXT) returns the same system group as a v2c walk")
    func v1Walk() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let system = OID([1, 3, 6, 1, 2, 1, 1])
        let v1 = try await engine.walk(
            system, from: SNMPTestSupport.target(port: agent.port, community: agent.community, version: .v1))
        let v2 = try await engine.walk(
            system, from: SNMPTestSupport.target(port: agent.port, community: agent.community, version: .v2c))
        #expect(v1.count > 5)
        #expect(v1.map(\.oid) == v2.map(\.oid))
        #expect(v1.allSatisfy { $0.oid.hasPrefix(system) })
        #expect(v1.first { $0.oid == OID([1, 3, 6, 1, 2, 1, 1, 5, 0]) }?.value.textValue == agent.sysName)
    }

    @Test("a v1 GET of a missing object fails with noSuchName naming that OID")
    func v1NoSuchName() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let missing = OID([1, 3, 6, 1, 2, 1, 1, 99, 0])
        let error = await #expect(throws: SNMPError.self) {
            try await engine.get(
                [OID([1, 3, 6, 1, 2, 1, 1, 5, 0]), missing],
                from: SNMPTestSupport.target(port: agent.port, community: agent.community, version: .v1))
        }
        #expect(error?.code == .protocolError)
        #expect(error?.errorStatus == .noSuchName)
        #expect(error?.oid == missing)
    }

    @Test("a wrong community times out (agents stay silent)")
    func wrongCommunity() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let error = await #expect(throws: SNMPError.self) {
            try await engine.get(
                [OID([1, 3, 6, 1, 2, 1, 1, 5, 0])],
                from: SNMPTestSupport.target(
                    port: agent.port, community: "wrong", timeout: .milliseconds(300), retries: 0))
        }
        #expect(error?.code == .timeout)
        #expect(error?.target == "127.0.0.1:\(agent.port)")
    }

    @Test("a stopped agent times out while a concurrent walk of a live agent completes")
    func deadAgentDoesNotBlockLiveOne() async throws {
        let dead = try await SNMPAgentFixture()
        let live = try await SNMPAgentFixture()
        dead.stop()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let deadTarget = SNMPTestSupport.target(
            port: dead.port, community: dead.community, timeout: .seconds(2), retries: 1)
        let liveTarget = SNMPTestSupport.target(port: live.port, community: live.community)
        let ifTable = self.ifTable
        async let deadResult = SNMPTestSupport.outcome { () async throws(SNMPError) in
            try await engine.walk(ifTable, from: deadTarget)
        }
        async let liveResult = SNMPTestSupport.outcome { () async throws(SNMPError) in
            try await engine.walk(ifTable, from: liveTarget)
        }
        let (deadOutcome, liveOutcome) = await (deadResult, liveResult)
        #expect(try liveOutcome.get().count > 0)
        #expect(throws: SNMPError.self) { try deadOutcome.get() }
        if case .failure(let error) = deadOutcome { #expect(error.code == .timeout) }
    }

    @Test("an agent that comes back answers again")
    func restartedAgent() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(
            port: agent.port, community: agent.community, timeout: .milliseconds(500), retries: 0)
        let sysName = [OID([1, 3, 6, 1, 2, 1, 1, 5, 0])]
        agent.stop()
        await #expect(throws: SNMPError.self) { try await engine.get(sysName, from: target) }
        try await agent.start()
        #expect(try await engine.get(sysName, from: target).first?.value.textValue == agent.sysName)
    }

    @Test("cancelling the awaiting task resumes it with a cancellation error")
    func cancellation() async throws {
        let agent = try await SNMPAgentFixture()
        agent.stop()  // nothing answers: the request would wait for its whole timeout
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(
            port: agent.port, community: agent.community, timeout: .seconds(60), retries: 5)
        let task = Task { () async throws(SNMPError) -> [SNMPVarBind] in
            try await engine.get([OID([1, 3, 6, 1, 2, 1, 1, 5, 0])], from: target)
        }
        try await Task.sleep(for: .milliseconds(100))  // let it get in flight (the outcome is the same if not)
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result else {
            Issue.record("expected a cancellation error, got \(result)")
            return
        }
        #expect((error as? SNMPError)?.code == .cancelled)
    }

    @Test("shutdown fails requests in flight and refuses new ones")
    func shutdown() async throws {
        let agent = try await SNMPAgentFixture()
        agent.stop()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        let target = SNMPTestSupport.target(
            port: agent.port, community: agent.community, timeout: .seconds(60), retries: 5)
        let task = Task { () async throws(SNMPError) -> [SNMPVarBind] in
            try await engine.get([OID([1, 3, 6, 1, 2, 1, 1, 5, 0])], from: target)
        }
        try await Task.sleep(for: .milliseconds(100))  // let it get in flight (the outcome is the same if not)
        engine.shutdown()
        engine.shutdown()
        if case .failure(let error) = await task.result {
            #expect((error as? SNMPError)?.code == .cancelled)
        } else {
            Issue.record("expected a cancellation error")
        }
        await #expect(throws: SNMPError.self) {
            try await engine.get([OID([1, 3, 6, 1, 2, 1, 1, 5, 0])], from: target)
        }
    }

    @Test("an agent is reached over IPv6 loopback and by host name")
    func addresses() async throws {
        let agent = try await SNMPAgentFixture(sysName: "v6-test", ipv6: true)
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let sysName = [OID([1, 3, 6, 1, 2, 1, 1, 5, 0])]
        for host in ["::1", "localhost"] {
            var target = SNMPTestSupport.target(port: agent.port, community: agent.community)
            target.host = host
            let values = try await engine.get(sysName, from: target)
            #expect(values.first?.value.textValue == "v6-test", "via \(host)")
        }
        var target = SNMPTestSupport.target(port: agent.port, community: agent.community)
        target.host = "::1"
        #expect(target.address == "[::1]:\(agent.port)")
    }
}
