import Foundation
import Testing
import VedettaTestSupport

/// The `vedetta` binary as a user runs it: stdout, stderr and exit codes.
@Suite("vedetta CLI", .serialized)
struct CLITests {
    private static let badFixtures = RepositoryPaths.root.appendingPathComponent(
        "Tests/VedettaConfigTests/Fixtures/bad")

    @Test("check accepts the shipped example configuration and prints a one-line summary")
    func checkAcceptsExample() throws {
        let result = try ToolRunner.vedetta(["check", "--config", "deploy/vedetta.yaml"], in: RepositoryPaths.root)
        #expect(result.status == 0)
        #expect(result.standardOutput == "deploy/vedetta.yaml: ok: 5 devices, 10 profiles, 15 rules, 1 webhook\n")
    }

    @Test(
        "check names file, line and column of each error and exits 1",
        arguments: [
            ("yaml-syntax.yaml", "yaml-syntax.yaml:5:6: error: invalid YAML: did not find expected key"),
            ("unknown-profile.yaml", #"unknown-profile.yaml:5:26: error: unknown profile "if-mb"; known: system"#),
            (
                "bad-duration.yaml",
                #"bad-duration.yaml:3:15: error: invalid duration "5 minutes"; use e.g. 30s, 5m, 1h"#
            ),
            (
                "duplicate-device.yaml",
                #"duplicate-device.yaml:6:11: error: duplicate device "sw1"; first defined at duplicate-device.yaml:2"#
            ),
        ]
    )
    func checkReportsErrors(file: String, expected: String) throws {
        let result = try ToolRunner.vedetta(["check", "--config", file], in: Self.badFixtures)
        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix(expected), "got: \(result.standardOutput)")
        #expect(result.standardError.contains("\(file): 1 error(s)"))
    }

    @Test("check reports every error of a file at once")
    func checkReportsAllErrors() throws {
        let result = try ToolRunner.vedetta(["check", "--config", "several-errors.yaml"], in: Self.badFixtures)
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.hasPrefix("several-errors.yaml:") && $0.contains(": error: ") })
    }

    @Test("run refuses to start on an invalid configuration, printing the errors")
    func runRefusesInvalidConfiguration() throws {
        let result = try ToolRunner.vedetta(["run", "--config", "bad-duration.yaml"], in: Self.badFixtures)
        #expect(result.status == 2)
        #expect(result.standardError.contains("bad-duration.yaml:3:15: error: invalid duration"))
    }

    @Test("probe snmp walks like snmpbulkwalk and prints SNMP types; --json gives the same varbinds")
    func probeSNMPWalk() async throws {
        let agent = try await SNMPAgentFixture()
        let target = "127.0.0.1:\(agent.port)"
        let text = try ToolRunner.vedetta(["probe", "snmp", target, "-c", agent.community, "--walk", "1.3.6.1.2.1.1"])
        #expect(text.status == 0)
        let reference = try SNMPCommandLine.bulkWalk(port: agent.port, community: agent.community, oid: "1.3.6.1.2.1.1")
        let ours = SNMPCommandLine.parse(text.standardOutput)
        #expect(ours.map(\.oid) == reference.map(\.oid))
        #expect(ours.map(\.type) == reference.map(\.type))
        #expect(text.standardOutput.contains(".1.3.6.1.2.1.1.5.0 = STRING: \"\(agent.sysName)\""))

        let json = try ToolRunner.vedetta([
            "probe", "snmp", target, "-c", agent.community, "--get", "1.3.6.1.2.1.1.5.0", "--json",
        ])
        #expect(json.status == 0)
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["type"] as? String == "STRING")
        #expect(rows.first?["oid"] as? String == ".1.3.6.1.2.1.1.5.0")
    }

    @Test("probe snmp -v 3 walks with an authPriv user like snmpbulkwalk -v3; a wrong password exits 1")
    func probeSNMPv3() async throws {
        let user = SNMPAgentFixture.User(
            name: "cli-user", authPassword: "cli-auth-pass", privacyProtocol: "AES", privacyPassword: "cli-priv-pass")
        let agent = try await SNMPAgentFixture(users: [user])
        let target = "127.0.0.1:\(agent.port)"
        let security = ["-u", "cli-user", "-l", "authPriv", "-a", "SHA", "-A", "cli-auth-pass", "-x", "AES", "-X"]
        let text = try ToolRunner.vedetta(
            ["probe", "snmp", target, "-v", "3"] + security + ["cli-priv-pass", "--walk", "1.3.6.1.2.1.1"])
        #expect(text.status == 0, "\(text.standardError)")
        let reference = try SNMPCommandLine.bulkWalkV3(
            port: agent.port, securityArguments: security + ["cli-priv-pass"], oid: "1.3.6.1.2.1.1")
        let ours = SNMPCommandLine.parse(text.standardOutput)
        #expect(!ours.isEmpty)
        #expect(ours.map(\.oid) == reference.map(\.oid))
        #expect(text.standardOutput.contains(".1.3.6.1.2.1.1.5.0 = STRING: \"\(agent.sysName)\""))

        let wrong = try ToolRunner.vedetta(
            ["probe", "snmp", target, "-v", "3", "-u", "cli-user", "-l", "authNoPriv", "-A", "wrong-password"]
                + ["--get", "1.3.6.1.2.1.1.5.0", "--timeout", "10s", "--retries", "0"])
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("user-based security"))
    }

    @Test("probe snmp exits 1 with a clear message when the agent does not answer")
    func probeSNMPTimeout() throws {
        let port = try Ports.freePort()
        let result = try ToolRunner.vedetta([
            "probe", "snmp", "127.0.0.1:\(port)", "--get", "1.3.6.1.2.1.1.5.0", "--timeout", "300ms", "--retries", "0",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("timed out"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("probe http prints the status and every phase; exits 1 when nothing listens")
    func probeHTTP() async throws {
        let server = try await HTTPServerFixture.start(tls: true)
        let certificate = try #require(server.certificate)
        let result = try ToolRunner.vedetta([
            "probe", "http", server.url("/ok"), "--ca-file", certificate.certificatePath, "--json",
        ])
        #expect(result.status == 0)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(report["status"] as? Int == 200)
        let phases = try #require(report["phases"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(phases == ["resolve", "connect", "tls", "first_byte", "transfer", "total"])

        let text = try ToolRunner.vedetta(["probe", "http", server.url("/status/503"), "--insecure"])
        #expect(text.status == 0)
        #expect(text.standardOutput.hasPrefix("GET \(server.url("/status/503")) -> 503"))

        let port = try Ports.freePort()
        let refused = try ToolRunner.vedetta(["probe", "http", "http://127.0.0.1:\(port)/", "--timeout", "2s"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("127.0.0.1:\(port)"))
    }
}
