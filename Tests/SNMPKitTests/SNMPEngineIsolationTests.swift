import Foundation
import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// What belongs to one engine stays with it: sessions are not shared between engines (an agent, a test) and an
/// engine that shuts down closes its own.
@Suite("SNMPEngine isolation", .tags(.snmpd))
struct SNMPEngineIsolationTests {
    @Test("two engines polling one agent keep a session each; shutting one down closes its session only")
    func sessionsBelongToTheirEngine() async throws {
        let agent = try await SNMPAgentFixture()
        let target = SNMPTestSupport.target(port: agent.port, community: agent.community)
        let sysName = [OID([1, 3, 6, 1, 2, 1, 1, 5, 0])]

        let first = SNMPEngine(logger: SNMPTestSupport.logger)
        let second = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { second.shutdown() }
        #expect(await first.openSessionCount() == 0)
        _ = try await first.get(sysName, from: target)
        _ = try await second.get(sysName, from: target)
        #expect(await first.openSessionCount() == 1)
        #expect(await second.openSessionCount() == 1, "the second engine opened its own session")
        _ = try await first.get(sysName, from: target)
        #expect(await first.openSessionCount() == 1, "an engine reuses its own session")

        first.shutdown()
        #expect(await first.openSessionCount() == 0, "shutdown closed the first engine's session")
        #expect(try await second.get(sysName, from: target).first?.value.textValue == agent.sysName)
        #expect(await second.openSessionCount() == 1, "the second engine still has its session")
        await #expect(throws: SNMPError.self) { try await first.get(sysName, from: target) }
    }
}
