import Foundation
import Testing
import VedettaTestSupport

/// `vedetta discover` against snmpsim and a real snmpd on loopback: the proposal, stderr summary and exit code.
@Suite("vedetta discover", .serialized, .tags(.snmpsim, .snmpd))
struct CLIDiscoverTests {
    private static let linux = "recorded/linux-full-walk"

    @Test("a host:port list: tries each community, proposes YAML that vedetta check accepts, summarizes the rest")
    func listProposesYAML() async throws {
        let sim = try await SNMPSimFixture(
            recordings: [Self.linux], extraRecordings: [SNMPRecordings.apcSmartUPSName: SNMPRecordings.apcSmartUPS])
        defer { sim.stop() }
        let silent = try Ports.freePort()
        let result = try ToolRunner.vedetta(
            [
                "discover", "127.0.0.1:\(sim.port),127.0.0.1:\(silent)", "-c", "wrong", "-c", Self.linux,
                "--timeout", "500ms", "--config", "deploy/vedetta.yaml",
            ],
            in: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.standardError)")
        let yaml = result.standardOutput
        #expect(yaml.hasPrefix("devices:\n  # Linux cray 2.6.21.5-smp"))
        #expect(yaml.contains("  # sysObjectID: 1.3.6.1.4.1.8072.3.2.10\n  - name: tt\n    snmp:\n"))
        #expect(yaml.contains("      address: 127.0.0.1:\(sim.port)\n      version: 2c\n"))
        #expect(yaml.contains("      community: \"\(Self.linux)\"\n"))
        let profiles = try #require(yaml.split(separator: "\n").first { $0.contains("profiles: [") })
        #expect(profiles.contains("host-resources") && profiles.contains("system") && profiles.contains("if-mib"))
        #expect(!profiles.contains("apc-ups"))
        #expect(result.standardError.contains("1 of 2 address(es) answered"))
        #expect(result.standardError.contains("no answer (timeout) from 1: 127.0.0.1:\(silent)"))

        // The proposal pastes into a configuration that loads.
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-discover")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try
            ("probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)\n"
            + "alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)\n" + yaml).write(
                to: config, atomically: true, encoding: .utf8)
        let check = try ToolRunner.vedetta(["check", "--config", config.path])
        #expect(check.status == 0, "\(check.standardOutput)\(yaml)")
        #expect(check.standardOutput.contains(": ok: 1 device"))

        // The APC card is found under its own community, with apc-ups.
        let apc = try ToolRunner.vedetta(
            [
                "discover", "127.0.0.1", "--port", "\(sim.port)", "-c", SNMPRecordings.apcSmartUPSName,
                "--probes-dir", "probes", "--json",
            ],
            in: RepositoryPaths.root)
        #expect(apc.status == 0, "\(apc.standardError)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(apc.standardOutput.utf8)) as? [String: Any])
        let device = try #require((report["devices"] as? [[String: Any]])?.first)
        #expect(device["name"] as? String == "ups-rack-a1")
        #expect(device["sys_object_id"] as? String == "1.3.6.1.4.1.318.1.3.27")
        #expect((device["profiles"] as? [String])?.contains("apc-ups") == true)
    }

    @Test("a CIDR block and a range with --port and --json find snmpd and report the silent addresses")
    func cidrAndRangeJSON() async throws {
        let agent = try await SNMPAgentFixture()
        let result = try ToolRunner.vedetta(
            [
                "discover", "127.0.0.1/32,127.0.0.1-2", "--port", "\(agent.port)", "-c", agent.community,
                "--timeout", "500ms", "--config", "deploy/vedetta.yaml", "--json",
            ],
            in: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.standardError)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let devices = try #require(report["devices"] as? [[String: Any]])
        #expect(devices.count == 1)
        let device = try #require(devices.first)
        #expect(device["address"] as? String == "127.0.0.1:\(agent.port)")
        #expect(device["sys_name"] as? String == agent.sysName)
        #expect(device["community"] as? String == agent.community)
        #expect(device["version"] as? String == "2c")
        #expect((device["sys_object_id"] as? String)?.hasPrefix("1.3.6.1.4.1.8072.3.2.") == true)
        #expect((device["profiles"] as? [String])?.contains("host-resources") == true)
        let unanswered = try #require(report["unanswered"] as? [[String: Any]])
        #expect(unanswered.map { $0["address"] as? String } == ["127.0.0.2:\(agent.port)"])
        #expect(result.standardError.contains("1 of 2 address(es) answered"))
    }

    @Test("nothing answering exits 1; a block over the limit is refused before anything is sent")
    func failures() throws {
        let silent = try Ports.freePort()
        let none = try ToolRunner.vedetta(
            ["discover", "127.0.0.1:\(silent)", "--timeout", "300ms", "--probes-dir", "probes"],
            in: RepositoryPaths.root)
        #expect(none.status == 1)
        #expect(none.standardOutput.isEmpty)
        #expect(none.standardError.contains("0 of 1 address(es) answered"))

        let tooMany = try ToolRunner.vedetta(["discover", "127.0.0.0/8"], in: RepositoryPaths.root)
        #expect(tooMany.status != 0)
        #expect(tooMany.standardError.contains("\"127.0.0.0/8\" has 16777214 addresses"))
        let invalid = try ToolRunner.vedetta(["discover", "127.0.0.1-x"], in: RepositoryPaths.root)
        #expect(invalid.status != 0)
        #expect(invalid.standardError.contains("127.0.0.1-x"))
    }

    /// `vedetta check` of `devices` pasted under the shipped profiles and rules.
    private static func check(_ devices: String) throws -> ToolRunner.Output {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-discover")
        let config = directory.appendingPathComponent("vedetta.yaml")
        try
            ("probes_dir: \(RepositoryPaths.root.appendingPathComponent("probes").path)\n"
            + "alerts_dir: \(RepositoryPaths.root.appendingPathComponent("alerts").path)\n" + devices).write(
                to: config, atomically: true, encoding: .utf8)
        return try ToolRunner.vedetta(["check", "--config", config.path])
    }

    @Test("a device no profile matches is proposed with profiles: auto, which vedetta check accepts")
    func noMatchingProfileProposesAuto() async throws {
        let sim = try await SNMPSimFixture(recordings: [Self.linux])
        defer { sim.stop() }
        // Only a vendor profile that a Linux host does not match.
        let probes = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-probes")
        try FileManager.default.copyItem(
            at: RepositoryPaths.root.appendingPathComponent("probes/apc-ups.yaml"),
            to: probes.appendingPathComponent("apc-ups.yaml"))
        let result = try ToolRunner.vedetta([
            "discover", "127.0.0.1:\(sim.port)", "-c", Self.linux, "--probes-dir", probes.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("      profiles: auto  # no profile in the profiles directory matches"))
        #expect(!result.standardOutput.contains("profiles: []"))
        let check = try Self.check(result.standardOutput)
        #expect(check.status == 0, "\(check.standardError)\n\(result.standardOutput)")
    }

    @Test("an SNMPv3 proposal carries placeholder passwords that vedetta check refuses by name")
    func v3PlaceholdersAreRefused() async throws {
        let user = SNMPAgentFixture.User(
            name: "disco", authPassword: "disco-auth-pass", privacyProtocol: "AES", privacyPassword: "disco-priv-pass")
        let agent = try await SNMPAgentFixture(users: [user])
        let result = try ToolRunner.vedetta(
            [
                "discover", "127.0.0.1:\(agent.port)", "-v", "3", "-u", "disco", "-l", "authPriv", "-a", "SHA",
                "-A", "disco-auth-pass", "-x", "AES", "-X", "disco-priv-pass", "--probes-dir", "probes",
                "--timeout", "2s",
            ],
            in: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("      auth_password: change-me"))
        #expect(!result.standardOutput.contains("disco-auth-pass"))
        let check = try Self.check(result.standardOutput)
        #expect(check.status == 1)
        #expect(check.standardError.contains("auth_password is still the placeholder \"change-me\""))
        #expect(check.standardError.contains("priv_password is still the placeholder \"change-me\""))
    }
}
