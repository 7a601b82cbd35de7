import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// The rule files shipped in `alerts/`, read with a line scan (this module has no YAML library; the config tests
/// load them fully).
@Suite("Shipped alert rules")
struct ShippedRulesTests {
    /// What the line scan finds of one rule.
    struct ScannedRule: CustomStringConvertible {
        var file: String
        var line: Int
        var name: String
        var fields: [String: String] = [:]

        var description: String { "\(file):\(line) \(name)" }
    }

    static let alertsDirectory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/VedettaRulesTests/ShippedRulesTests.swift
        return url.appendingPathComponent("alerts")
    }()

    static func ruleFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: alertsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Scans `- alert: X` blocks and their one-line `key: value` fields (`expr`, `for`, `severity`).
    static func scanRules() throws -> [ScannedRule] {
        var rules: [ScannedRule] = []
        for file in try ruleFiles() {
            let lines = try String(contentsOf: file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            for (number, rawLine) in lines.enumerated() {
                let line = rawLine.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("- alert:") {
                    let name = line.dropFirst("- alert:".count).trimmingCharacters(in: .whitespaces)
                    rules.append(ScannedRule(file: file.lastPathComponent, line: number + 1, name: name))
                    continue
                }
                for key in ["expr", "for", "severity"] where line.hasPrefix(key + ":") {
                    let value = unquote(line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces))
                    if !rules.isEmpty { rules[rules.count - 1].fields[key] = value }
                }
            }
        }
        return rules
    }

    /// Removes YAML single or double quotes around a one-line scalar.
    static func unquote(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first else {
            return value
        }
        let inner = String(value.dropFirst().dropLast())
        return first == "'" ? inner.replacingOccurrences(of: "''", with: "'") : inner
    }

    static func shippedRule(_ name: String) throws -> AlertRule {
        let scanned = try #require(try scanRules().first { $0.name == name })
        let text = try #require(scanned.fields["expr"])
        return AlertRule(
            name: name,
            expression: try RuleExpression.parse(text),
            expressionText: text,
            holdDuration: Duration.parse(scanned.fields["for"] ?? "0s") ?? .zero,
            severity: Severity(rawValue: scanned.fields["severity"] ?? "") ?? .warning,
            location: SourceLocation(file: scanned.file, line: scanned.line, column: 5)
        )
    }

    @Test("every expr line in alerts/*.yaml parses")
    func everyExpressionParses() throws {
        var count = 0
        for file in try Self.ruleFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("expr:") else { continue }
                let expression = Self.unquote(trimmed.dropFirst("expr:".count).trimmingCharacters(in: .whitespaces))
                count += 1
                #expect(!["|", ">", "|-", ">-"].contains(expression), "\(file.lastPathComponent):\(number + 1)")
                do {
                    _ = try RuleExpression.parse(expression)
                } catch {
                    Issue.record("\(file.lastPathComponent):\(number + 1): \(error)")
                }
            }
        }
        #expect(count >= 8)
    }

    @Test("the shipped files contain the documented rules, each with expr, for and a valid severity")
    func inventory() throws {
        let rules = try Self.scanRules()
        #expect(
            Set(try Self.ruleFiles().map(\.lastPathComponent)).isSuperset(of: [
                "applications.yaml", "network.yaml", "power.yaml",
            ]))
        #expect(
            Set(rules.map(\.name)).isSuperset(of: [
                "DeviceUnreachable", "InterfaceDown", "InterfaceErrors", "UPSOnBattery", "UPSOnBatteryAPC",
                "UPSBatteryLow", "UPSBatteryLowAPC", "HTTPCheckDown", "HTTPSlow",
            ]))
        #expect(Set(rules.map(\.name)).count == rules.count, "alert names are unique across files")
        for rule in rules {
            #expect(rule.fields["expr"] != nil, "\(rule) has no expr")
            #expect(rule.fields["for"].flatMap(Duration.parse) != nil, "\(rule) has no valid for")
            #expect(rule.fields["severity"].flatMap(Severity.init(rawValue:)) != nil, "\(rule) has no valid severity")
        }
    }

    @Test("every shipped file starts with a comment saying what it covers")
    func headerComments() throws {
        for file in try Self.ruleFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.hasPrefix("# "), "\(file.lastPathComponent)")
        }
    }

    // Behaviour of the shipped rules on samples shaped like the agent's.

    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func labels(_ extra: LabelSet = [:]) -> LabelSet { extra.merging(["device": "dev1"]) }

    private func holding(_ name: String, _ samples: [Sample]) throws -> [LabelSet] {
        var evaluator = RuleEvaluator()
        return evaluator.evaluate(try Self.shippedRule(name), samples: samples, at: t0).seriesResults.map(\.labels)
    }

    @Test("DeviceUnreachable holds for a failed SNMP poll only")
    func deviceUnreachable() throws {
        let failed = [Sample(name: "up", labels: labels(["probe": "snmp"]), value: 0)]
        #expect(try holding("DeviceUnreachable", failed) == [labels(["probe": "snmp"])])
        let httpDown = [Sample(name: "up", labels: labels(["probe": "http"]), value: 0)]
        var evaluator = RuleEvaluator()
        #expect(evaluator.evaluate(try Self.shippedRule("DeviceUnreachable"), samples: httpDown, at: t0) == .noData)
    }

    @Test("InterfaceDown holds for down interfaces that are administratively up")
    func interfaceDown() throws {
        func port(_ index: String, oper: Double, admin: Double) -> [Sample] {
            let port = labels(["ifIndex": index, "ifName": "eth\(index)", "ifDescr": "eth\(index)", "ifAlias": ""])
            return [
                Sample(name: "ifOperStatus", labels: port, value: oper),
                Sample(name: "ifAdminStatus", labels: port, value: admin),
            ]
        }
        let samples = port("1", oper: 2, admin: 1) + port("2", oper: 2, admin: 2) + port("3", oper: 1, admin: 1)
        #expect(try holding("InterfaceDown", samples).map { $0["ifIndex"] } == ["1"])
    }

    @Test("InterfaceErrors holds when errors grow faster than one per second")
    func interfaceErrors() throws {
        let rule = try Self.shippedRule("InterfaceErrors")
        let port = labels(["ifIndex": "1", "ifName": "eth1"])
        var evaluator = RuleEvaluator()
        let poll = { (value: Double) in [Sample(name: "ifInErrors", labels: port, value: value, kind: .counter)] }
        #expect(evaluator.evaluate(rule, samples: poll(0), at: t0) == .results([]))
        #expect(evaluator.evaluate(rule, samples: poll(30), at: t0 + 60) == .results([]))
        #expect(evaluator.evaluate(rule, samples: poll(150), at: t0 + 120).seriesResults.map(\.value) == [2])
    }

    @Test("UPS rules hold on battery and at low charge, for both MIBs")
    func power() throws {
        let device = labels()
        #expect(try holding("UPSOnBattery", [Sample(name: "upsOutputSource", labels: device, value: 5)]) == [device])
        #expect(try holding("UPSOnBattery", [Sample(name: "upsOutputSource", labels: device, value: 3)]).isEmpty)
        let apc = [Sample(name: "upsBasicOutputStatus", labels: device, value: 3)]
        #expect(try holding("UPSOnBatteryAPC", apc) == [device])
        let low = [Sample(name: "upsEstimatedChargeRemaining", labels: device, value: 20)]
        #expect(try holding("UPSBatteryLow", low) == [device])
        let full = [Sample(name: "upsAdvBatteryCapacity", labels: device, value: 100)]
        #expect(try holding("UPSBatteryLowAPC", full).isEmpty)
    }

    @Test("HTTP rules hold for a failed check and a slow total time")
    func applications() throws {
        let down = [Sample(name: "up", labels: labels(["probe": "http"]), value: 0)]
        #expect(try holding("HTTPCheckDown", down) == [labels(["probe": "http"])])
        let slow = [
            Sample(name: "http_duration_seconds", labels: labels(["phase": "total"]), value: 2.5),
            Sample(name: "http_duration_seconds", labels: labels(["phase": "connect"]), value: 2.2),
        ]
        #expect(try holding("HTTPSlow", slow) == [labels(["phase": "total"])])
    }
}
