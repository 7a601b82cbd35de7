import Foundation
import Testing
import VedettaTestSupport

/// The `vedetta` binary as a user runs it: stdout, stderr and exit codes.
@Suite("vedetta CLI", .serialized)
struct CLITests {
    private static let badFixtures = RepositoryPaths.root.appendingPathComponent(
        "Tests/VedettaConfigTests/Fixtures/bad")

    @Test("check warns, without failing, about an on-call schedule that leaves nobody on call at times")
    func checkWarnsAboutGaps() throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-check-gaps")
        defer { try? FileManager.default.removeItem(at: directory) }
        let oncall = directory.appendingPathComponent("oncall")
        try FileManager.default.createDirectory(at: oncall, withIntermediateDirectories: true)
        try """
        people: [{name: anna}]
        schedules:
          - name: office
            layers:
              - name: day
                start: 2026-01-05T08:00
                shift: daily
                participants: [anna]
                restrictions: [{days: mon-fri, from: "08:00", to: "18:00"}]
        """.write(to: oncall.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("vedetta.yaml")
        try "devices: []\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try ToolRunner.vedetta(["check", "--config", config.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(": ok: "))
        #expect(result.standardError.contains("warning: nobody is on call for schedule \"office\" from "))
        #expect(result.standardError.contains("a page to oncall: office then reaches nobody"))
    }

    @Test("check accepts the shipped example configuration and prints a one-line summary")
    func checkAcceptsExample() throws {
        let result = try ToolRunner.vedetta(["check", "--config", "deploy/vedetta.yaml"], in: RepositoryPaths.root)
        #expect(result.status == 0)
        #expect(
            result.standardOutput
                == "deploy/vedetta.yaml: ok: 5 devices, 10 profiles, 33 rules, 6 trap rules, 1 webhook, 2 maintenance windows, "
                + "5 people, 2 on-call schedules, 1 escalation policy\n")
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
        #expect(result.standardOutput.isEmpty, "errors belong on stderr: \(result.standardOutput)")
        #expect(result.standardError.hasPrefix(expected), "got: \(result.standardError)")
        #expect(result.standardError.contains("\(file): 1 error(s)"))
    }

    @Test("check reports every error of a file at once")
    func checkReportsAllErrors() throws {
        let result = try ToolRunner.vedetta(["check", "--config", "several-errors.yaml"], in: Self.badFixtures)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n").dropLast()  // the last line is the count
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { $0.hasPrefix("several-errors.yaml:") && $0.contains(": error: ") })
        #expect(result.standardError.hasSuffix("several-errors.yaml: 7 error(s)\n"))
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
        // JSON consumers get the plain text; the snmpwalk form, quotes and all, is in "display".
        #expect(rows.first?["value"] as? String == agent.sysName)
        #expect(rows.first?["display"] as? String == "\"\(agent.sysName)\"")
        #expect(rows.first?["number"] == nil)

        let uptime = try ToolRunner.vedetta([
            "probe", "snmp", target, "-c", agent.community, "--get", "1.3.6.1.2.1.1.3.0", "--json",
        ])
        let ticks = try #require(
            try JSONSerialization.jsonObject(with: Data(uptime.standardOutput.utf8)) as? [[String: Any]])
        #expect(ticks.first?["type"] as? String == "Timeticks")
        #expect((ticks.first?["number"] as? Double ?? 0) > 0)
    }

    @Test(
        "probe snmp and discover refuse contradictory flags instead of ignoring them",
        arguments: [
            (
                ["probe", "snmp", "127.0.0.1", "-c", "public", "-v", "3", "-u", "ops"],
                "-c/--community is not used with SNMPv3"
            ),
            (["probe", "snmp", "127.0.0.1", "-v", "2c", "-u", "ops"], "-u applies only to SNMPv3; add -v 3"),
            (["probe", "snmp", "127.0.0.1", "-A", "secret-pass", "-X", "x"], "-A, -X apply only to SNMPv3"),
            (["probe", "snmp", "127.0.0.1", "-v", "3"], "SNMPv3 needs a user: give -u USER"),
            (
                ["probe", "snmp", "127.0.0.1", "-v", "3", "-u", "ops", "-l", "authNoPriv", "-X", "p"],
                "-x/-X are used only"
            ),
            (
                ["probe", "snmp", "127.0.0.1", "-v", "3", "-u", "ops", "-l", "noAuthNoPriv", "-A", "p"],
                "-a/-A are not used"
            ),
            (["probe", "snmp", "127.0.0.1", "-v", "4"], "invalid -v/--snmp-version \"4\"; use 1, 2c or 3"),
            (
                ["discover", "127.0.0.1", "-c", "public", "-v", "3", "-u", "ops"],
                "-c/--community is not used with SNMPv3"
            ),
            (["discover", "127.0.0.1", "-u", "ops"], "-u applies only to SNMPv3"),
            (["probe", "http", "http://127.0.0.1:1/", "-X", "FOO"], "invalid -X/--method \"FOO\"; use GET, HEAD"),
        ])
    func contradictoryFlags(arguments: [String], message: String) throws {
        let result = try ToolRunner.vedetta(arguments + (arguments[1] == "snmp" ? ["--get", "1.3.6.1.2.1.1.5.0"] : []))
        #expect(result.status == 64)
        #expect(result.standardError.contains(message), "got: \(result.standardError)")
    }

    @Test("probe snmp refuses the passwords vedetta check refuses: too short, or discover's placeholder")
    func v3PasswordsAsTheConfiguration() throws {
        let short = try ToolRunner.vedetta([
            "probe", "snmp", "127.0.0.1:1", "-v", "3", "-u", "ops", "-A", "short", "-X", "long-enough", "--get",
            "1.3.6.1.2.1.1.5.0",
        ])
        #expect(short.status == 1)
        #expect(short.standardError.contains("the authentication password (-A) must be at least 8 characters long"))
        let placeholder = try ToolRunner.vedetta([
            "probe", "snmp", "127.0.0.1:1", "-v", "3", "-u", "ops", "-A", "long-enough", "-X", "change-me",
            "--get", "1.3.6.1.2.1.1.5.0",
        ])
        #expect(placeholder.status == 1)
        #expect(placeholder.standardError.contains("the privacy password (-X) is still the placeholder"))
    }

    @Test("--version prints the version on every command: the SNMP version is -v/--snmp-version")
    func versionFlag() throws {
        for command in [["--version"], ["probe", "snmp", "--version"], ["discover", "--version"]] {
            let result = try ToolRunner.vedetta(command)
            #expect(result.status == 0, "\(command): \(result.standardError)")
            #expect(result.standardOutput == "0.1.0\n")
        }
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
        #expect(result.standardError.contains("community"))
        #expect(result.standardOutput.isEmpty)

        // The same silence over SNMPv3 says nothing about communities.
        let v3 = try ToolRunner.vedetta([
            "probe", "snmp", "127.0.0.1:\(port)", "-v", "3", "-u", "ops", "-A", "auth-pass-1", "-X", "priv-pass-1",
            "--get", "1.3.6.1.2.1.1.5.0", "--timeout", "300ms", "--retries", "0",
        ])
        #expect(v3.status == 1)
        #expect(v3.standardError.contains("timed out"))
        #expect(!v3.standardError.contains("community"), "got: \(v3.standardError)")
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

        #expect(report["http_version"] as? String == "HTTP/1.1")
        let expiry = try #require(report["tls_certificate_expiry"] as? String)
        #expect(expiry.hasPrefix("20"))

        let text = try ToolRunner.vedetta(["probe", "http", server.url("/status/503"), "--insecure"])
        #expect(text.status == 0)
        #expect(text.standardOutput.hasPrefix("GET \(server.url("/status/503")) -> 503 (HTTP/1.1, "))
        #expect(text.standardOutput.contains("  certificate expires 20"))

        let redirected = try ToolRunner.vedetta(["probe", "http", server.url("/redirect/1"), "--insecure"])
        #expect(redirected.standardOutput.hasPrefix("GET \(server.url("/redirect/1")) -> 200 (HTTP/1.1, "))
        #expect(redirected.standardOutput.contains("  after 2 redirect(s): \(server.url("/ok"))\n"))

        let port = try Ports.freePort()
        let refused = try ToolRunner.vedetta(["probe", "http", "http://127.0.0.1:\(port)/", "--timeout", "2s"])
        #expect(refused.status == 1)
        #expect(refused.standardError.hasPrefix("vedetta probe http: unreachable: GET http://127.0.0.1:\(port)/"))
    }

    @Test("probe http --max-redirects bounds the chain; the error names the option")
    func probeHTTPRedirectLimit() async throws {
        let server = try await HTTPServerFixture.start()
        let loop = try ToolRunner.vedetta(["probe", "http", server.url("/redirect/5"), "--max-redirects", "3"])
        #expect(loop.status == 1)
        #expect(loop.standardError.contains("too many redirects"))
        #expect(loop.standardError.contains("--max-redirects"))
        let enough = try ToolRunner.vedetta(["probe", "http", server.url("/redirect/5"), "--max-redirects", "6"])
        #expect(enough.status == 0, "\(enough.standardError)")
        #expect(enough.standardOutput.contains("after 6 redirect(s)"))
        let none = try ToolRunner.vedetta(["probe", "http", server.url("/redirect"), "--max-redirects", "0"])
        #expect(none.status == 0)
        #expect(none.standardOutput.contains(" -> 302 "))
    }
}
