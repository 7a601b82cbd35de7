import Foundation
import SNMPKit
import Synchronization
import Testing
import VedettaCore
import VedettaTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The trap receiver against the real `snmptrap` and `snmpinform` of net-snmp, on loopback.
@Suite("SNMP trap receiver", .serialized)
struct SNMPTrapReceiverTests {
    static let linkDown = "1.3.6.1.6.3.1.1.5.3"
    static let ifIndex3 = ["1.3.6.1.2.1.2.2.1.1.3", "i", "3", "1.3.6.1.2.1.2.2.1.8.3", "i", "2"]
    static let engineID = "0x8000000001020304"

    static let user = SNMPTrapUser(
        security: SNMPv3Security(
            userName: "trapper", level: .authPriv, authProtocol: .sha256, authPassword: Secret("auth \"pass\" 123"),
            privacyProtocol: .aes, privacyPassword: Secret("privpass123")),
        engineIDs: [[0x80, 0, 0, 0, 1, 2, 3, 4]])

    /// A started receiver on a free loopback port and what it collected.
    final class Collected: Sendable {
        let traps = Mutex<[SNMPTrap]>([])
        let drops = Mutex<[SNMPTrapDrop]>([])
    }

    final class Sink: Sendable {
        let port: Int
        let collected = Collected()
        var traps: [SNMPTrap] { collected.traps.withLock { $0 } }
        var drops: [SNMPTrapDrop] { collected.drops.withLock { $0 } }
        let receiver: SNMPTrapReceiver

        init(
            communities: Set<String>? = ["public"], users: [SNMPTrapUser] = [SNMPTrapReceiverTests.user],
            senders: Set<String>? = nil, accept: Bool = true
        ) throws {
            port = try Ports.freePort()
            let collected = self.collected
            receiver = SNMPTrapReceiver(
                settings: SNMPTrapReceiverSettings(
                    listen: ["udp:127.0.0.1:\(port)"], communities: communities, users: users, senders: senders),
                onTrap: { trap in
                    guard accept else { return false }
                    collected.traps.withLock { $0.append(trap) }
                    return true
                },
                onDrop: { drop in collected.drops.withLock { $0.append(drop) } })
            try receiver.start()
        }

        deinit { receiver.stop() }

        func waitForTraps(_ count: Int) async throws {
            try await Ports.waitUntil(timeout: .seconds(20), "\(count) traps did not arrive") {
                collected.traps.withLock { $0.count } >= count
            }
        }

        func waitForDrops(_ count: Int) async throws {
            try await Ports.waitUntil(timeout: .seconds(20), "\(count) drops did not arrive") {
                collected.drops.withLock { $0.count } >= count
            }
        }
    }

    static func send(_ tool: String, _ arguments: [String]) throws -> ToolRunner.Output {
        try ToolRunner.run(
            "/usr/bin/\(tool)", ["-On", "-M", "/nonexistent"] + arguments,
            environment: ["MIBS": "", "SNMPCONFPATH": "/nonexistent"], timeout: .seconds(30))
    }

    @Test("an SNMPv2c trap arrives with its notification OID, uptime and variable bindings")
    func v2cTrap() async throws {
        let sink = try Sink()
        try Self.send(
            "snmptrap", ["-v", "2c", "-c", "public", "127.0.0.1:\(sink.port)", "4242", Self.linkDown] + Self.ifIndex3
        )
        .requireSuccess("snmptrap")
        try await sink.waitForTraps(1)
        let trap = try #require(sink.traps.first)
        #expect(trap.version == .v2c)
        #expect(trap.kind == .trap)
        #expect(trap.sender == "127.0.0.1")
        #expect(trap.community == "public")
        #expect(trap.trapOID.description == Self.linkDown)
        #expect(trap.uptime == 4242)
        #expect(
            trap.varBinds.map(\.description) == [
                ".1.3.6.1.2.1.2.2.1.1.3 = INTEGER: 3", ".1.3.6.1.2.1.2.2.1.8.3 = INTEGER: 2",
            ])
    }

    @Test("an SNMPv1 trap is translated to its SNMPv2 notification OID and keeps its agent address")
    func v1Trap() async throws {
        let sink = try Sink()
        // generic trap 2 (linkDown), then an enterprise-specific one (APC's 5, on battery).
        try Self.send(
            "snmptrap",
            [
                "-v", "1", "-c", "public", "127.0.0.1:\(sink.port)", "1.3.6.1.4.1.8072.3.2.10", "127.0.0.9", "2", "0",
                "77",
            ]
                + Self.ifIndex3
        ).requireSuccess("snmptrap v1")
        try Self.send(
            "snmptrap",
            ["-v", "1", "-c", "public", "127.0.0.1:\(sink.port)", "1.3.6.1.4.1.318", "127.0.0.9", "6", "5", ""]
        ).requireSuccess("snmptrap v1 enterprise")
        try await sink.waitForTraps(2)
        let traps = sink.traps
        #expect(traps.map(\.version) == [.v1, .v1])
        #expect(traps.map(\.trapOID.description) == [Self.linkDown, "1.3.6.1.4.1.318.0.5"])
        #expect(traps.map(\.agentAddress) == ["127.0.0.9", "127.0.0.9"])
        #expect(traps[0].uptime == 77)
        // RFC 3584: the trap's variables, then snmpTrapAddress.0 and snmpTrapEnterprise.0.
        #expect(
            traps[0].varBinds.map(\.description).suffix(2) == [
                ".1.3.6.1.6.3.18.1.3.0 = IpAddress: 127.0.0.9",
                ".1.3.6.1.6.3.1.1.4.3.0 = OID: .1.3.6.1.4.1.8072.3.2.10",
            ])
        #expect(traps[0].varBinds.count == 4)
    }

    @Test(
        "informs are acknowledged: snmpinform v2c and v3 authPriv succeed, and a v3 trap with the sender's engine ID arrives"
    )
    func informs() async throws {
        let sink = try Sink()
        try Self.send(
            "snmpinform",
            ["-v", "2c", "-c", "public", "-t", "2", "-r", "1", "127.0.0.1:\(sink.port)", "", Self.linkDown]
                + Self.ifIndex3
        )
        .requireSuccess("snmpinform v2c")
        let v3 = [
            "-v", "3", "-u", "trapper", "-l", "authPriv", "-a", "SHA-256", "-A", "auth \"pass\" 123", "-x", "AES", "-X",
            "privpass123", "-t", "2", "-r", "1",
        ]
        try Self.send("snmpinform", v3 + ["127.0.0.1:\(sink.port)", "", Self.linkDown] + Self.ifIndex3)
            .requireSuccess("snmpinform v3")
        try Self.send("snmptrap", v3 + ["-e", Self.engineID, "127.0.0.1:\(sink.port)", "", Self.linkDown])
            .requireSuccess("snmptrap v3")
        try await sink.waitForTraps(3)
        let traps = sink.traps
        #expect(traps.map(\.kind) == [.inform, .inform, .trap])
        #expect(traps.map(\.version) == [.v2c, .v3, .v3])
        #expect(traps.map(\.userName) == [nil, "trapper", "trapper"])
        #expect(traps.allSatisfy { $0.trapOID.description == Self.linkDown })
        #expect(sink.drops.isEmpty)
    }

    @Test(
        "a wrong community, a wrong v3 password, an unknown user and garbage are dropped, counted, and the receiver goes on"
    )
    func drops() async throws {
        let sink = try Sink()
        try Self.send("snmptrap", ["-v", "2c", "-c", "private", "127.0.0.1:\(sink.port)", "", Self.linkDown])
            .requireSuccess("snmptrap")
        let wrongPassword = try Self.send(
            "snmpinform",
            [
                "-v", "3", "-u", "trapper", "-l", "authPriv", "-a", "SHA-256", "-A", "wrongpassword", "-x", "AES", "-X",
                "privpass123", "-t", "1", "-r", "0", "127.0.0.1:\(sink.port)", "", Self.linkDown,
            ])
        #expect(wrongPassword.status != 0)
        try Self.send(
            "snmptrap",
            [
                "-v", "3", "-u", "nobody", "-l", "noAuthNoPriv", "-e", Self.engineID, "127.0.0.1:\(sink.port)", "",
                Self.linkDown,
            ]
        ).requireSuccess("snmptrap unknown user")
        try sendDatagram(Array("this is not SNMP".utf8), port: sink.port)
        try sendDatagram([0x30, 0x82, 0xff, 0xff, 0x02, 0x01], port: sink.port)
        try Self.send("snmptrap", ["-v", "2c", "-c", "public", "127.0.0.1:\(sink.port)", "", Self.linkDown])
            .requireSuccess("snmptrap after the garbage")
        try await sink.waitForTraps(1)
        try await sink.waitForDrops(5)
        let reasons = sink.drops.map(\.reason)
        #expect(reasons.filter { $0 == .badCommunity }.count == 1)
        #expect(reasons.filter { $0 == .authentication }.count >= 2)
        #expect(reasons.filter { $0 == .malformed }.count == 2)
        #expect(sink.drops.allSatisfy { $0.sender == "127.0.0.1" || $0.sender.isEmpty })
        #expect(sink.traps.count == 1)
    }

    @Test("an inform is acknowledged only when taken: not from an unknown sender, not when the agent refuses it")
    func unacknowledgedInforms() async throws {
        let stranger = try Sink(senders: ["192.0.2.1"])
        let inform = ["-v", "2c", "-c", "public", "-t", "1", "-r", "0"]
        let unknown = try Self.send("snmpinform", inform + ["127.0.0.1:\(stranger.port)", "", Self.linkDown])
        #expect(unknown.status != 0, "an inform from an unknown sender must not be acknowledged")
        try await stranger.waitForDrops(1)
        #expect(stranger.drops.map(\.reason) == [.unknownSender])
        // An SNMPv1 trap relayed from a known agent address is taken.
        try Self.send(
            "snmptrap",
            ["-v", "1", "-c", "public", "127.0.0.1:\(stranger.port)", "1.3.6.1.4.1.318", "192.0.2.1", "6", "5", ""]
        ).requireSuccess("relayed v1 trap")
        try await stranger.waitForTraps(1)

        let busy = try Sink(accept: false)
        let refused = try Self.send("snmpinform", inform + ["127.0.0.1:\(busy.port)", "", Self.linkDown])
        #expect(refused.status != 0, "an inform the agent could not take must not be acknowledged")
    }

    @Test("an address that cannot be bound is an error naming it; a taken port too")
    func bindFailures() throws {
        let sink = try Sink()
        let taken = SNMPTrapReceiver(
            settings: SNMPTrapReceiverSettings(listen: ["udp:127.0.0.1:\(sink.port)"]), onTrap: { _ in true },
            onDrop: { _ in })
        #expect(throws: SNMPError.self) { try taken.start() }
        let nonsense = SNMPTrapReceiver(
            settings: SNMPTrapReceiverSettings(listen: ["udp:no.such.host.invalid:162"]), onTrap: { _ in true },
            onDrop: { _ in })
        do {
            try nonsense.start()
            Issue.record("bound a nonsense address")
        } catch {
            #expect(error.target == "udp:no.such.host.invalid:162")
        }
    }

    @Test("engine IDs parse from hex with or without 0x and colons; too short or odd ones do not")
    func engineIDs() {
        #expect(SNMPTrapUser.engineID(parsing: "0x8000000001020304") == [0x80, 0, 0, 0, 1, 2, 3, 4])
        #expect(SNMPTrapUser.engineID(parsing: "80:00:00:00:01") == [0x80, 0, 0, 0, 1])
        #expect(SNMPTrapUser.engineID(parsing: "80 00 1F 88 04") == [0x80, 0, 0x1f, 0x88, 4])
        #expect(SNMPTrapUser.engineID(parsing: "0x8000") == nil)
        #expect(SNMPTrapUser.engineID(parsing: "0x80000000010") == nil)
        #expect(SNMPTrapUser.engineID(parsing: "0x80000000zz") == nil)
    }

    private func sendDatagram(_ bytes: [UInt8], port: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureError("no UDP socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(descriptor, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard sent == bytes.count else { throw FixtureError("sendto failed") }
    }
}
