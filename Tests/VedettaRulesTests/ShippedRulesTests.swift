import Foundation
import Testing
import VedettaConfig
import VedettaCore

@testable import VedettaRules

/// The rule files shipped in `alerts/`, loaded by the real configuration loader (as the agent loads them), and the
/// behaviour of the shipped rules on samples shaped like the agent's.
@Suite("Shipped alert rules")
struct ShippedRulesTests {
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

    /// Every shipped rule, loaded by `ConfigLoader` from a configuration whose `alerts_dir` is `alerts/`; a
    /// problem in any file fails the load with its file:line:column.
    static let shippedConfiguration = Result { () throws -> VedettaConfiguration in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-rules-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("vedetta.yaml")
        try "alerts_dir: \(alertsDirectory.path)\n".write(to: config, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(configFile: config.path, plugins: ConfigPlugins())
    }
    static let shipped = shippedConfiguration.map(\.rules)

    static func shippedRule(_ name: String) throws -> AlertRule {
        try #require(try shipped.get().first { $0.name == name }, "no shipped rule \(name)")
    }

    @Test("the real loader accepts every shipped rule file")
    func everyFileLoads() throws {
        let rules = try Self.shipped.get()
        #expect(rules.count >= 15)
        let trapRules = try Self.shippedConfiguration.get().trapRules
        let files = Set(
            (rules.map(\.location) + trapRules.map(\.location)).map { URL(fileURLWithPath: $0.file).lastPathComponent })
        #expect(files == Set(try Self.ruleFiles().map(\.lastPathComponent)))
    }

    @Test("the shipped files contain the documented rules")
    func inventory() throws {
        let rules = try Self.shipped.get()
        #expect(
            Set(rules.map(\.name)).isSuperset(of: [
                "DeviceUnreachable", "InterfaceDown", "InterfaceErrors", "UPSOnBattery", "UPSOnBatteryAPC",
                "UPSBatteryLow", "UPSBatteryLowAPC", "HTTPCheckDown", "HTTPSlow", "PluginCritical", "PluginWarning",
                "PluginUnknown", "InterfaceErrorRatio", "InterfaceSaturatedIn", "InterfaceSaturatedOut",
                "UPSRuntimeLow", "UPSRuntimeLowAPC", "HTTPLatencyP95High", "PBXChannelsNearLicence",
            ]))
        #expect(Set(rules.map(\.name)).count == rules.count, "alert names are unique across files")
        #expect(rules.allSatisfy { !$0.summary.isEmpty }, "every shipped rule has a summary")
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

    /// One poll of ports given as (ifIndex, ifOperStatus, ifAdminStatus, ifAlias).
    private func ports(_ list: [(String, Double, Double, String)]) -> [Sample] {
        list.flatMap { index, oper, admin, alias in
            let port = labels(["ifIndex": index, "ifName": "eth\(index)", "ifDescr": "eth\(index)", "ifAlias": alias])
            return [
                Sample(name: "ifOperStatus", labels: port, value: oper),
                Sample(name: "ifAdminStatus", labels: port, value: admin),
            ]
        }
    }

    /// Feeds InterfaceDown one poll a minute; returns what fired and resolved at each poll, as `fired 1`.
    private func runInterfaceDown(_ polls: [[(String, Double, Double, String)]]) throws -> [[String]] {
        let rule = try Self.shippedRule("InterfaceDown")
        var evaluator = RuleEvaluator()
        var tracker = AlertTracker()
        return polls.enumerated().map { minute, list in
            let at = t0 + Double(minute) * 60
            let samples = SampleIndex(ports(list))
            let updates = tracker.update(
                device: "dev1", rule: rule, evaluation: evaluator.evaluate(rule, samples: samples, at: at),
                clearing: evaluator.evaluateClear(rule, samples: samples, at: at), at: at)
            return updates.map { update in
                let verb = if case .firing = update.transition { "fired" } else { "\(update.transition)" }
                return "\(verb) \(update.alert.labels["ifIndex"] ?? "?")"
            }
        }
    }

    @Test("InterfaceDown: a port that goes down pages, and stays firing until it is up again, however long")
    func interfaceDownAfterUp() throws {
        let up = [("1", 1.0, 1.0, "")]
        let down = [("1", 2.0, 1.0, "")]
        let polls = [up, up] + Array(repeating: down, count: 40) + Array(repeating: up, count: 7)
        let transitions = try runInterfaceDown(polls)
        #expect(transitions[4] == ["fired 1"], "2 minutes after going down: \(transitions.prefix(6))")
        #expect(transitions[5..<42].allSatisfy { $0.isEmpty }, "still down after 15 minutes: still firing")
        // Up again at minute 42: resolved 5 minutes later (keep_firing_for).
        #expect(transitions[47] == ["resolved 1"])
    }

    @Test("InterfaceDown: ports never seen up, or shut down, or up, say nothing; a port tagged [page] pages anyway")
    func interfaceDownNeverUp() throws {
        let poll = [
            ("1", 2.0, 1.0, ""), ("2", 2.0, 1.0, "Connect to HuaWei ME60 for test"), ("3", 2.0, 2.0, ""),
            ("4", 1.0, 1.0, ""), ("5", 2.0, 1.0, "uplink core-1 [page]"),
        ]
        let transitions = try runInterfaceDown(Array(repeating: poll, count: 30))
        #expect(transitions.flatMap { $0 } == ["fired 5"])
        #expect(transitions[2] == ["fired 5"])
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

    @Test("plugin rules hold for their state and speak with the plugin's words")
    func plugins() throws {
        let check = labels(["probe": "exec", "plugin": "check_sip"])
        let output = "SIP CRITICAL - 503 Service Unavailable\ntrunk carrier-1: no answer"
        let critical = [Sample(name: "exec_status", labels: check, value: 2, output: output)]
        #expect(try holding("PluginCritical", critical) == [check])
        #expect(try holding("PluginWarning", critical).isEmpty)
        #expect(try holding("PluginUnknown", [Sample(name: "exec_status", labels: check, value: 3)]) == [check])
        #expect(try holding("PluginWarning", [Sample(name: "exec_status", labels: check, value: 1)]) == [check])

        let rule = try Self.shippedRule("PluginCritical")
        var tracker = AlertTracker()
        var evaluator = RuleEvaluator()
        let device = DeviceID(check["device"] ?? "")
        for minute in [0.0, 3] {
            let evaluation = evaluator.evaluate(rule, samples: critical, at: t0 + minute * 60)
            _ = tracker.update(device: device, rule: rule, evaluation: evaluation, at: t0 + minute * 60)
        }
        let alert = try #require(tracker.firingAlerts.first)
        #expect(alert.summary == "\(device) check_sip: SIP CRITICAL - 503 Service Unavailable")
        #expect(alert.description.hasSuffix("for 2 minutes. trunk carrier-1: no answer"))
    }
}
