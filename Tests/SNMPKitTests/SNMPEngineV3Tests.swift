import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// SNMPEngine speaking SNMPv3 (USM) to a real snmpd with v3 users, one agent per test.
@Suite("SNMPEngine SNMPv3 against snmpd", .tags(.snmpd))
struct SNMPEngineV3Tests {
    static let privUser = SNMPAgentFixture.User(
        name: "vedetta-priv", authPassword: "auth-pass-1", privacyProtocol: "AES", privacyPassword: "priv-pass-1")
    static let authUser = SNMPAgentFixture.User(name: "vedetta-auth", authPassword: "auth-only-1")

    let system = OID([1, 3, 6, 1, 2, 1, 1])
    let sysName = OID([1, 3, 6, 1, 2, 1, 1, 5, 0])

    /// Settings for `user`, with a long timeout so that a refusal can only show up as an authentication error.
    static func target(
        port: Int,
        user: String,
        level: SNMPv3Security.Level = .authPriv,
        authPassword: String,
        privacyPassword: String = ""
    ) -> SNMPTargetSettings {
        SNMPTargetSettings(
            host: "127.0.0.1", port: port, version: .v3, timeout: .seconds(10), retries: 0,
            security: SNMPv3Security(
                userName: user, level: level, authProtocol: .sha, authPassword: Secret(authPassword),
                privacyProtocol: .aes, privacyPassword: Secret(privacyPassword)))
    }

    /// Settings for ``privUser`` with its right passwords.
    static func privTarget(port: Int) -> SNMPTargetSettings {
        target(
            port: port, user: privUser.name, authPassword: privUser.authPassword,
            privacyPassword: privUser.privacyPassword ?? "")
    }

    static func makeAgent() async throws -> SNMPAgentFixture {
        try await SNMPAgentFixture(sysName: "v3-agent", users: [privUser, authUser])
    }

    @Test("an authPriv GET and walk succeed and the walk matches snmpbulkwalk -v3")
    func authPrivGetAndWalk() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let user = Self.privUser
        let target = Self.privTarget(port: agent.port)
        let values = try await engine.get([sysName], from: target)
        #expect(values.first?.value.textValue == "v3-agent")
        let ours = try await engine.walk(system, from: target, maxRepetitions: 10)
        let reference = try SNMPCommandLine.bulkWalkV3(
            port: agent.port,
            securityArguments: [
                "-u", user.name, "-l", "authPriv", "-a", "SHA", "-A", user.authPassword, "-x", "AES", "-X",
                user.privacyPassword ?? "",
            ],
            oid: "1.3.6.1.2.1.1")
        #expect(ours.count > 5)
        SNMPTestSupport.expectSameWalk(ours, reference, volatileTypes: ["Timeticks"])
    }

    @Test("authNoPriv works for a user without a privacy password")
    func authNoPriv() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = Self.target(
            port: agent.port, user: Self.authUser.name, level: .authNoPriv, authPassword: Self.authUser.authPassword)
        let values = try await engine.get([sysName], from: target)
        #expect(values.first?.value.textValue == "v3-agent")
    }

    @Test("a wrong authentication password fails with an authentication error, not a timeout")
    func wrongAuthPassword() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = Self.target(
            port: agent.port, user: Self.privUser.name, authPassword: "not-the-password", privacyPassword: "priv-pass-1"
        )
        let error = await #expect(throws: SNMPError.self) { try await engine.get([sysName], from: target) }
        #expect(error?.code == .authentication)
    }

    /// A wrong privacy password usually makes the agent decrypt garbage and drop the message silently, so it shows
    /// as a timeout (as with net-snmp's own tools); some agents answer with a decryptionErrors report instead.
    @Test("an unknown user fails with an authentication error; a wrong privacy password never succeeds")
    func unknownUserAndWrongPrivacyPassword() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let unknown = Self.target(
            port: agent.port, user: "nobody-here", authPassword: "auth-pass-1", privacyPassword: "priv-pass-1")
        let unknownError = await #expect(throws: SNMPError.self) { try await engine.get([sysName], from: unknown) }
        #expect(unknownError?.code == .authentication)
        var wrongPrivacy = Self.target(
            port: agent.port, user: Self.privUser.name, authPassword: "auth-pass-1", privacyPassword: "wrong-priv-1")
        wrongPrivacy.timeout = .seconds(2)
        let privacyError = await #expect(throws: SNMPError.self) {
            try await engine.get([sysName], from: wrongPrivacy)
        }
        #expect(privacyError?.code == .authentication || privacyError?.code == .timeout)
    }

    @Test("right, wrong, right passwords in one process each take effect (net-snmp's user cache is refreshed)")
    func changedPasswordsTakeEffect() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let user = Self.privUser
        let right = Self.privTarget(port: agent.port)
        let wrongAuth = Self.target(
            port: agent.port, user: user.name, authPassword: "wrong-auth-1", privacyPassword: "priv-pass-1")
        var wrongPrivacy = Self.target(
            port: agent.port, user: user.name, authPassword: "auth-pass-1", privacyPassword: "wrong-priv-1")
        wrongPrivacy.timeout = .seconds(2)

        #expect(try await engine.get([sysName], from: right).first?.value.textValue == "v3-agent")
        let first = await #expect(throws: SNMPError.self) { try await engine.get([sysName], from: wrongAuth) }
        #expect(first?.code == .authentication)
        #expect(try await engine.get([sysName], from: right).first?.value.textValue == "v3-agent")
        let second = await #expect(throws: SNMPError.self) { try await engine.get([sysName], from: wrongPrivacy) }
        #expect(second?.code == .authentication || second?.code == .timeout)
        #expect(try await engine.walk(system, from: right).count > 5)
    }
}

extension SNMPEngineV3Tests {
    /// Engine discovery and key localization are expensive: a kept session does them once per agent. The agent
    /// counts every discovery request it answers in usmStatsUnknownEngineIDs (RFC 3414).
    @Test("v3 sessions are kept: many requests cost the agent a single engine discovery")
    func sessionsAreKept() async throws {
        let agent = try await Self.makeAgent()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = Self.privTarget(port: agent.port)
        for _ in 0..<5 {
            #expect(try await engine.walk(system, from: target).count > 5)
        }
        let unknownEngineIDs = OID([1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0])
        let counted = try await engine.get([unknownEngineIDs], from: target).first?.value.numericValue
        #expect(counted == 1)
    }
}
