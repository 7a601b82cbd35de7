import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

@Suite("RuleEvaluator")
struct RuleEvaluatorTests {
    private let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    private func sample(_ name: String, _ labels: LabelSet, _ value: Double) -> Sample {
        Sample(name: name, labels: labels.merging(["device": "sw1"]), value: value)
    }

    private func evaluate(
        _ text: String,
        _ samples: [Sample],
        at instant: Date? = nil,
        with evaluator: inout RuleEvaluator
    ) throws -> RuleEvaluation {
        evaluator.evaluate(try RuleExpression.parse(text), samples: samples, at: instant ?? t0)
    }

    private func evaluate(_ text: String, _ samples: [Sample]) throws -> RuleEvaluation {
        var evaluator = RuleEvaluator()
        return try evaluate(text, samples, with: &evaluator)
    }

    @Test("a threshold keeps the series that compare true, with their values and without the metric name")
    func threshold() throws {
        let samples = [
            sample("hrProcessorLoad", ["hrDeviceIndex": "1"], 95),
            sample("hrProcessorLoad", ["hrDeviceIndex": "2"], 40),
            sample("up", [:], 1),
        ]
        let evaluation = try evaluate("hrProcessorLoad > 90", samples)
        #expect(evaluation == .results([SeriesResult(labels: ["device": "sw1", "hrDeviceIndex": "1"], value: 95)]))
    }

    @Test("a poll with data where nothing holds gives empty results, not noData")
    func emptyResults() throws {
        #expect(try evaluate("up == 0", [sample("up", ["probe": "snmp"], 1)]) == .results([]))
    }

    @Test("label matchers select series; a missing label matches the empty string")
    func matchers() throws {
        let samples = [
            sample("up", ["probe": "snmp"], 0),
            sample("up", ["probe": "http"], 0),
            sample("x", [:], 1),
            sample("x", ["role": "core"], 1),
        ]
        #expect(
            try evaluate(#"up{probe="snmp"} == 0"#, samples).seriesResults.map(\.labels) == [
                ["device": "sw1", "probe": "snmp"]
            ])
        #expect(
            try evaluate(#"up{probe=~"h.*"}"#, samples).seriesResults.map(\.labels) == [
                ["device": "sw1", "probe": "http"]
            ])
        // A result without the poll's `probe` label gets it (from the first `up`): every alert names its probe.
        #expect(
            try evaluate(#"x{role=""}"#, samples).seriesResults.map(\.labels) == [["device": "sw1", "probe": "snmp"]])
        #expect(
            try evaluate(#"x{role!~"c.*"}"#, samples).seriesResults.map(\.labels) == [
                ["device": "sw1", "probe": "snmp"]
            ])
    }

    @Test("and keeps lhs series whose full label set is in rhs, with the lhs value")
    func and() throws {
        let port = { (index: String) -> LabelSet in ["ifIndex": index, "ifName": "ge-0/0/\(index)"] }
        let samples = [
            sample("ifOperStatus", port("1"), 2), sample("ifAdminStatus", port("1"), 1),  // down, admin up
            sample("ifOperStatus", port("2"), 2), sample("ifAdminStatus", port("2"), 2),  // down, admin down
            sample("ifOperStatus", port("3"), 1), sample("ifAdminStatus", port("3"), 1),  // up
            sample("ifOperStatus", port("4"), 2),  // no admin status
        ]
        let evaluation = try evaluate("ifOperStatus == 2 and ifAdminStatus == 1", samples)
        #expect(evaluation == .results([SeriesResult(labels: port("1").merging(["device": "sw1"]), value: 2)]))
    }

    @Test("and does not match series whose label sets differ")
    func andNeedsEqualLabels() throws {
        let samples = [sample("a", ["x": "1"], 1), sample("b", ["x": "1", "y": "2"], 1)]
        #expect(try evaluate("a and b", samples) == .results([]))
    }

    @Test("unless keeps lhs series that have no series with the same labels in rhs")
    func unless() throws {
        let samples = [
            sample("http_duration_seconds", ["phase": "total"], 3),
            sample("http_duration_seconds", ["phase": "connect"], 2.5),
            sample("maintenance", ["phase": "connect"], 1),
        ]
        let evaluation = try evaluate("http_duration_seconds > 2 unless maintenance == 1", samples)
        #expect(evaluation.seriesResults.map(\.labels) == [["device": "sw1", "phase": "total"]])
    }

    @Test("noData when no sample matches any selector, by name or by matchers")
    func noData() throws {
        let snmpFailure = [sample("up", ["probe": "snmp"], 0), sample("probe_duration_seconds", ["probe": "snmp"], 5)]
        #expect(try evaluate("ifOperStatus == 2 and ifAdminStatus == 1", snmpFailure) == .noData)
        #expect(try evaluate(#"up{probe="http"} == 0"#, snmpFailure) == .noData)
        #expect(try evaluate("rate(ifInErrors[5m]) > 1", snmpFailure) == .noData)
        #expect(try evaluate("ifOperStatus == 2 and up == 1", snmpFailure) == .results([]))
        #expect(try evaluate("up", []) == .noData)
    }

    @Test("results are sorted by labels")
    func sorted() throws {
        let samples = ["3", "1", "2"].map { sample("x", ["i": $0], 1) }
        #expect(try evaluate("x", samples).seriesResults.map { $0.labels["i"] } == ["1", "2", "3"])
    }

    @Test("rate is (v2 - v1) / (t2 - t1) per series; the first sample yields nothing")
    func rate() throws {
        var evaluator = RuleEvaluator()
        let first = [sample("ifInErrors", ["ifIndex": "1"], 100), sample("ifInErrors", ["ifIndex": "2"], 0)]
        #expect(try evaluate("rate(ifInErrors[5m])", first, with: &evaluator) == .results([]))
        let second = [sample("ifInErrors", ["ifIndex": "1"], 160), sample("ifInErrors", ["ifIndex": "2"], 30)]
        let evaluation = try evaluate("rate(ifInErrors[5m])", second, at: t0 + 60, with: &evaluator)
        #expect(
            evaluation
                == .results([
                    SeriesResult(labels: ["device": "sw1", "ifIndex": "1"], value: 1),
                    SeriesResult(labels: ["device": "sw1", "ifIndex": "2"], value: 0.5),
                ]))
        let third = [sample("ifInErrors", ["ifIndex": "1"], 400)]
        #expect(
            try evaluate("rate(ifInErrors[5m]) > 2", third, at: t0 + 120, with: &evaluator)
                == .results([
                    SeriesResult(labels: ["device": "sw1", "ifIndex": "1"], value: 4)
                ]))
    }

    @Test("a counter reset yields no result for that round, then rates resume")
    func counterReset() throws {
        var evaluator = RuleEvaluator()
        let at = { (value: Double) in [self.sample("c", [:], value)] }
        _ = try evaluate("rate(c[5m])", at(1000), with: &evaluator)
        #expect(try evaluate("rate(c[5m])", at(10), at: t0 + 30, with: &evaluator) == .results([]))
        #expect(try evaluate("rate(c[5m])", at(40), at: t0 + 60, with: &evaluator).seriesResults.map(\.value) == [1])
    }

    @Test("a previous sample older than the window yields no result")
    func window() throws {
        var evaluator = RuleEvaluator()
        let at = { (value: Double) in [self.sample("c", [:], value)] }
        _ = try evaluate("rate(c[1m])", at(0), with: &evaluator)
        #expect(try evaluate("rate(c[1m])", at(120), at: t0 + 61, with: &evaluator) == .results([]))
        #expect(try evaluate("rate(c[1m])", at(180), at: t0 + 121, with: &evaluator).seriesResults.map(\.value) == [1])
        // Exactly the window is still inside it.
        #expect(try evaluate("rate(c[1m])", at(240), at: t0 + 181, with: &evaluator).seriesResults.map(\.value) == [1])
    }

    @Test("several rules reading the same counter in one poll see the same rate")
    func sharedRateState() throws {
        var evaluator = RuleEvaluator()
        let at = { (value: Double) in [self.sample("c", [:], value)] }
        _ = try evaluate("rate(c[5m]) > 1", at(0), with: &evaluator)
        _ = try evaluate("rate(c[10m]) > 0", at(0), with: &evaluator)
        #expect(try evaluate("rate(c[5m])", at(120), at: t0 + 60, with: &evaluator).seriesResults.map(\.value) == [2])
        #expect(try evaluate("rate(c[10m])", at(120), at: t0 + 60, with: &evaluator).seriesResults.map(\.value) == [2])
        #expect(
            try evaluate("rate(c[1m]) and rate(c[1m]) > 1", at(120), at: t0 + 60, with: &evaluator)
                == .results([
                    SeriesResult(labels: ["device": "sw1"], value: 2)
                ]))
    }

    @Test("a series that reappears after its history expired starts over")
    func expiredHistory() throws {
        var evaluator = RuleEvaluator()
        _ = try evaluate("rate(c[1m])", [sample("c", ["i": "1"], 0)], with: &evaluator)
        _ = try evaluate("rate(c[1m])", [sample("c", ["i": "2"], 0)], at: t0 + 600, with: &evaluator)
        let back = try evaluate("rate(c[1m])", [sample("c", ["i": "1"], 600)], at: t0 + 630, with: &evaluator)
        #expect(back == .results([]))
    }

    @Test("evaluating a rule uses its expression")
    func rule() throws {
        var evaluator = RuleEvaluator()
        let rule = AlertRule(
            name: "DeviceUnreachable",
            expression: try RuleExpression.parse(#"up{probe="snmp"} == 0"#),
            expressionText: #"up{probe="snmp"} == 0"#,
            location: SourceLocation(file: "alerts/network.yaml", line: 3, column: 5)
        )
        let evaluation = evaluator.evaluate(rule, samples: [sample("up", ["probe": "snmp"], 0)], at: t0)
        #expect(evaluation == .results([SeriesResult(labels: ["device": "sw1", "probe": "snmp"], value: 0)]))
    }

    @Test("a result carries the text output of its left-most operand's sample, through comparisons and and/unless")
    func outputCarried() throws {
        let state = Sample(
            name: "exec_status", labels: ["device": "sw1", "plugin": "check_sip"], value: 2, output: "SIP CRITICAL")
        let quiet = Sample(name: "exec_status", labels: ["device": "sw1", "plugin": "check_tcp"], value: 2)
        let up = Sample(name: "up", labels: ["device": "sw1", "plugin": "check_sip"], value: 1)
        let results = try evaluate("exec_status == 2 and up == 1", [state, quiet, up]).seriesResults
        #expect(results.map(\.output) == ["SIP CRITICAL"])
        let both = try evaluate("exec_status >= 2", [state, quiet]).seriesResults
        #expect(both.map(\.output) == ["SIP CRITICAL", nil])
        let fromRight = try evaluate("up == 1 and exec_status == 2", [state, up]).seriesResults
        #expect(fromRight.map(\.output) == [nil], "only the left-most operand's text")
    }
}
