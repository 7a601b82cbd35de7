import Foundation
import Testing
import VedettaTestSupport

/// `vedetta test rules`, run as users run it: the shipped tests of every shipped rule file pass, a wrong
/// expectation fails with its place and both lists, and a broken test file gets a configuration error.
@Suite("vedetta test rules")
struct RuleUnitTestCommandTests {
    static let alerts = RepositoryPaths.root.appendingPathComponent("alerts")

    @Test("every shipped rule file has a test file in alerts/tests, and they all pass")
    func shippedTestsPass() throws {
        let ruleFiles = try FileManager.default.contentsOfDirectory(atPath: Self.alerts.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let testFiles = ruleFiles.map { "alerts/tests/" + $0.replacingOccurrences(of: ".yaml", with: ".test.yaml") }
        for file in testFiles {
            #expect(
                FileManager.default.fileExists(atPath: RepositoryPaths.root.appendingPathComponent(file).path),
                "\(file)")
        }
        let result = try ToolRunner.vedetta(["test", "rules"] + testFiles, in: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.split(separator: "\n").count == testFiles.count)
        #expect(result.standardOutput.split(separator: "\n").allSatisfy { $0.contains(": ok: ") })
    }

    @Test("a wrong expectation fails with file:line:column, what was expected and what fired; exit 1")
    func failingExpectation() throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-ruletest")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("wrong.test.yaml")
        try """
        rule_files: [\(Self.alerts.appendingPathComponent("network.yaml").path)]
        tests:
          - name: wrong severity
            input_series:
              - series: 'up{device="sw1",probe="snmp"}'
                values: '0x3'
            alert_rule_test:
              - eval_time: 2m
                alertname: DeviceUnreachable
                exp_alerts:
                  - exp_labels: {device: sw1, probe: snmp, severity: warning, team: network}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try ToolRunner.vedetta(["test", "rules", file.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("FAILED: 1 of 1 expectations"))
        #expect(result.standardError.contains("wrong.test.yaml:8:9: test \"wrong severity\": DeviceUnreachable at 2m"))
        #expect(result.standardError.contains(#"{device="sw1",probe="snmp",severity="warning",team="network"}"#))
        #expect(result.standardError.contains(#"{device="sw1",probe="snmp",severity="critical",team="network"}"#))
    }

    @Test("mistakes in a test file are configuration errors with file:line:column")
    func brokenFile() throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-ruletest")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.test.yaml")
        try """
        rule_files: [missing.yaml]
        tests:
          - input_series:
              - series: 'rate(up[5m])'
                values: '1 2 three'
              - series: 'up{device="a"}'
                values: '1+x3'
            alert_rule_test:
              - eval_time: soon
                alertname: X
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try ToolRunner.vedetta(["test", "rules", file.path])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "broken.test.yaml:1:14: error: rule file \"missing.yaml\" not found (looked at \(directory.path)/missing.yaml)"
                )
            })
        #expect(lines.contains { $0.contains("broken.test.yaml:4:17: error: invalid series \"rate(up[5m])\"") })
        #expect(
            lines.contains {
                $0.contains("broken.test.yaml:7:17: error: invalid values: \"1+x3\" is not a value, a+bxN or axN")
            })
        #expect(lines.contains { $0.contains("broken.test.yaml:9:20: error: invalid duration \"soon\"") })
    }
}
