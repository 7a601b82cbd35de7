public import Foundation
import MemoryKit
public import VedettaCore
public import VedettaIncidents
public import VedettaRules

/// The alert source fed by polling: evaluates every rule against each report and turns the alert state machines'
/// transitions into ``AlertChange``s.
///
/// Rules are evaluated per source (probe kind), since every sample carries a `probe` label, so an HTTP report
/// never resolves an SNMP alert of the same device. Each device of a source has its own evaluator (its counters'
/// history and uptime), so a report touches only its own device's state. Pure: time is the report's.
public struct RuleAlertSource: Sendable {
    /// Rule state of one source: the state of each device, and the alerts of all devices.
    private struct Lane: Sendable {
        /// Each device's state, at its place in `states`: a poll finds it with one lookup and updates it in place.
        var places: [DeviceID: Int] = [:]
        var states: [DeviceState] = []
        var tracker = AlertTracker()

        /// The place of `device`'s state, made by `make` at the device's first poll.
        mutating func place(of device: DeviceID, _ make: (AlertTracker) -> DeviceState) -> Int {
            if let place = places[device] { return place }
            states.append(make(tracker))
            places[device] = states.count - 1
            return states.count - 1
        }

        /// Drops the state of every device not in `devices`.
        mutating func keep(_ devices: Set<DeviceID>) {
            var kept = Lane(tracker: tracker)
            for (device, place) in places where devices.contains(device) {
                kept.places[device] = kept.states.count
                kept.states.append(states[place])
            }
            self = kept
        }
    }

    /// What one device of a source keeps between its polls.
    private struct DeviceState: Sendable {
        var evaluator: RuleEvaluator
        /// Per rule: whether the tracker holds anything for the rule and device (``AlertTracker/tracks(_:ruleName:)``).
        /// A poll with no results for a rule the tracker holds nothing for skips the tracker: most rules of most
        /// devices, most of the time.
        var tracked: [Bool]
        /// Per rule with `no_data`: when the device last had data for it.
        var lastData: [Date?]
        /// For a source without rules, the latest poll's samples and time, for the rules a reload may bring; a source
        /// with rules finds the latest poll in the evaluator (``RuleEvaluator/latestPoll``), and holds no second
        /// reference to the poll's samples.
        var lastPoll: (samples: [Sample], at: Date)?
    }

    /// The rules, in file order.
    public let rules: [AlertRule]
    /// Every rule's `expr` and `clear`, compiled once for every device's evaluator.
    private let program: RuleProgram
    /// Per rule: its `expr` and `clear` in the program.
    private let compiled: [(expression: RuleProgram.ExpressionID, clear: RuleProgram.ExpressionID?)]
    /// Every rule's `expr` in the program, in rule order.
    private let expressions: [RuleProgram.ExpressionID]
    /// The names of the rules whose firing means their device is down, and their positions in `rules`.
    private let deviceDownRuleNames: [String]
    private let deviceDownRuleIndices: [Int]
    /// The `<rule>NoData` rules of the rules with `no_data: {state: alert}`, by the rule's name.
    private let noDataRules: [String: AlertRule]
    /// Every rule that raises alerts: the rules, then their `<rule>NoData` rules.
    private let alertingRuleNames: [String]
    private var lanes: [String: Lane] = [:]
    /// What one report's evaluation writes and forgets, shared by every device (evaluated one after another): it
    /// stays in the processor's cache, and no device keeps its own.
    private var workspace = Workspace()

    private struct Workspace: Sendable {
        var scratch = RuleEvaluator.Scratch()
        /// The evaluation of each rule's `expr` for the report being evaluated.
        var evaluations: [RuleEvaluation] = []
    }

    /// Creates a source with no alert state.
    /// - Parameter rules: The rules to evaluate.
    public init(rules: [AlertRule]) {
        self.rules = rules
        var program = RuleProgram()
        self.compiled = rules.map { rule in
            (program.add(rule.expression), rule.clearExpression.map { program.add($0) })
        }
        self.program = program
        self.expressions = compiled.map(\.expression)
        self.deviceDownRuleNames = rules.filter(\.marksDeviceDown).map(\.name)
        self.deviceDownRuleIndices = rules.indices.filter { rules[$0].marksDeviceDown }
        let noDataRules = rules.compactMap { rule in rule.noDataRule.map { (rule.name, $0) } }
        self.noDataRules = Dictionary(noDataRules, uniquingKeysWith: { first, _ in first })
        self.alertingRuleNames = rules.map(\.name) + noDataRules.map(\.1.name)
    }

    /// What one report changed.
    public struct Outcome: Sendable {
        /// The alerts that started firing or were resolved, in rule order then alert order.
        public var changes: [AlertChange]
        /// How the device stands by the report's `device_down` rules, or `nil` when none of them had data.
        public var condition: DeviceCondition?
    }

    /// Evaluates every rule against `report`.
    /// - Parameter report: One probe run's samples.
    /// - Returns: The alerts that changed, and how the device stands by its `device_down` rules.
    public mutating func evaluate(_ report: SampleReport) -> Outcome {
        // The lane is swapped out while updated and swapped back, and the device's state is updated in its place: a
        // copy would retain and release each of their arrays. Found by one lookup of the source, not two.
        guard let index = lanes.index(forKey: report.source) ?? newLane(report.source) else {
            return Outcome(changes: [], condition: nil)  // not reached: the lane was just made
        }
        var lane = Lane()
        swap(&lane, &lanes.values[index])
        var workspace = self.workspace
        self.workspace = Workspace()
        let place = lane.place(of: report.device) { newDeviceState(report.device, $0) }
        Prefetch.element(at: place, of: lane.states)  // hundreds of bytes, read here and there
        let outcome = evaluate(report, device: &lane.states[place], tracker: &lane.tracker, workspace: &workspace)
        swap(&lane, &lanes.values[index])
        self.workspace = consume workspace
        return outcome
    }

    /// Makes the lane of a source's first report.
    /// - Returns: Its index in `lanes`.
    private mutating func newLane(_ source: String) -> Dictionary<String, Lane>.Index? {
        lanes[source] = Lane()
        return lanes.index(forKey: source)
    }

    private func evaluate(
        _ report: SampleReport, device: inout DeviceState, tracker: inout AlertTracker, workspace: inout Workspace
    ) -> Outcome {
        guard !rules.isEmpty else {
            // No rule reads anything: only the latest poll is kept, to prime the rules a reload may bring.
            device.lastPoll = (report.samples, report.at)
            return Outcome(changes: [], condition: nil)
        }
        // Read after the rules are evaluated: hinted now, they come from memory while the evaluator reads the poll.
        Prefetch.start(of: device.tracked)
        Prefetch.start(of: device.lastData)
        if report.countersRestarted { device.evaluator.forgetRates(of: report.device) }
        var changes: [AlertChange] = []
        var deviceDownHadData = false
        device.evaluator.read(report.samples, at: report.at)
        device.evaluator.evaluate(expressions, into: &workspace.evaluations, scratch: &workspace.scratch)
        for index in rules.indices {
            if rules[index].marksDeviceDown, !workspace.evaluations[index].isNoData { deviceDownHadData = true }
            // Most rules hold for nothing and track nothing: they are passed over without copying anything.
            let policy = rules[index].noData
            if policy == nil, !device.tracked[index], !workspace.evaluations[index].hasResults { continue }
            var evaluation = workspace.evaluations[index]
            if let policy {
                evaluation = applyNoData(
                    policy, of: rules[index], index: index, to: evaluation, tracker: &tracker, device: &device,
                    report: report, changes: &changes)
            }
            if !device.tracked[index], !evaluation.hasResults { continue }  // nothing to change
            let rule = rules[index]
            // `clear` only matters for firing alerts.
            var clearing: ClearEvaluation?
            if let clear = compiled[index].clear, tracker.hasFiringAlerts(of: report.device, ruleName: rule.name) {
                clearing = device.evaluator.evaluateClear(
                    clear, measuring: compiled[index].expression, scratch: &workspace.scratch)
            }
            let updates = tracker.update(
                device: report.device, rule: rule, evaluation: evaluation, clearing: clearing, at: report.at)
            device.tracked[index] = tracker.tracks(report.device, ruleName: rule.name)
            Self.append(updates, to: &changes, at: report.at)
        }
        var condition: DeviceCondition?
        if deviceDownHadData {
            // Without a tracked `device_down` alert (pending or firing) the device is up: no lookup needed.
            let tracked = deviceDownRuleIndices.contains { device.tracked[$0] }
            condition =
                tracked
                ? Self.condition(of: tracker.alerts(of: report.device, ruleNames: deviceDownRuleNames)) : .up
        }
        return Outcome(changes: changes, condition: condition)
    }

    /// The state of a device's first poll: an evaluator with no history, and what the tracker already holds for it
    /// (alerts adopted at start).
    private func newDeviceState(_ device: DeviceID, _ tracker: AlertTracker) -> DeviceState {
        DeviceState(
            evaluator: RuleEvaluator(program: program),
            tracked: rules.map { tracker.tracks(device, ruleName: $0.name) },
            lastData: Array(repeating: nil, count: rules.count))
    }

    /// Applies a rule's `no_data` policy to one evaluation: records when the device last had data, and once
    /// successful polls have lacked it for the policy's `after`, resolves the rule's alerts (`ok`, by returning
    /// empty results) or fires `<rule>NoData` (`alert`), which resolves when the data is back.
    /// - Returns: The evaluation to apply to the rule's own alerts.
    private func applyNoData(
        _ policy: NoDataPolicy, of rule: AlertRule, index: Int, to evaluation: RuleEvaluation,
        tracker: inout AlertTracker,
        device: inout DeviceState, report: SampleReport, changes: inout [AlertChange]
    ) -> RuleEvaluation {
        let noDataRule = noDataRules[rule.name]
        guard evaluation == .noData else {
            device.lastData[index] = report.at
            // Only a `<rule>NoData` that fires has anything to resolve: no tracker work on every poll with data.
            if let noDataRule, tracker.hasFiringAlerts(of: report.device, ruleName: noDataRule.name) {
                let updates = tracker.update(
                    device: report.device, rule: noDataRule, evaluation: .results([]), at: report.at)
                Self.append(updates, to: &changes, at: report.at)
            }
            return evaluation
        }
        guard device.evaluator.pollSucceeded, let last = device.lastData[index],
            report.at.timeIntervalSince(last) >= policy.after.seconds
        else { return evaluation }
        switch policy.state {
        case .keep:
            return evaluation
        case .ok:
            return .results([])
        case .alert:
            if let noDataRule {
                let missing = SeriesResult(
                    labels: device.evaluator.pollLabels, value: report.at.timeIntervalSince(last))
                let updates = tracker.update(
                    device: report.device, rule: noDataRule, evaluation: .results([missing]), at: report.at)
                Self.append(updates, to: &changes, at: report.at)
            }
            return evaluation
        }
    }

    private static func append(_ updates: [AlertUpdate], to changes: inout [AlertChange], at instant: Date) {
        for update in updates {
            switch update.transition {
            case .firing(let since): changes.append(AlertChange(.fired(since: since), alert: update.alert))
            case .resolved:
                changes.append(AlertChange(.resolved(at: update.alert.resolvedAt ?? instant), alert: update.alert))
            case .flapping(let since): changes.append(AlertChange(.flapping(since: since), alert: update.alert))
            case .settled: changes.append(AlertChange(.settled(at: instant), alert: update.alert))
            case .pending: continue
            }
        }
    }

    /// Down when a `device_down` alert fires, suspect when one is pending, else up.
    private static func condition(of alerts: [Alert]) -> DeviceCondition {
        if alerts.contains(where: { $0.state == .firing }) { return .down }
        return alerts.contains { $0.state == .pending } ? .suspect : .up
    }

    /// The firing alerts of `device` from `source`.
    public func firingAlerts(of device: DeviceID, source: String) -> [Alert] {
        lanes[source]?.tracker.firingAlerts(of: device, ruleNames: alertingRuleNames) ?? []
    }

    /// Takes over the incidents left open by the previous run as firing alerts, so that a still-firing alert does
    /// not open (and page) a second time.
    /// - Parameter incidents: The open incidents.
    /// - Returns: The incidents that cannot be taken over: their rule is no longer configured, or they have no
    ///   `device` label; the caller restores them.
    public mutating func adopt(_ incidents: [Incident]) -> [Incident] {
        let ruleNames = Set(alertingRuleNames)
        var orphans: [Incident] = []
        var bySource: [String: [Alert]] = [:]
        for incident in incidents {
            guard ruleNames.contains(incident.rule), let device = incident.labels["device"] else {
                orphans.append(incident)
                continue
            }
            let alert = Alert(
                ruleName: incident.rule,
                device: DeviceID(device),
                labels: incident.labels,
                value: nil,
                state: .firing,
                activeSince: incident.detectedAt,
                firedAt: incident.detectedAt,
                severity: incident.severity,
                summary: incident.summary,
                description: incident.description
            )
            let source = SampleReport.source(kind: incident.labels["probe"] ?? "snmp", check: incident.labels["check"])
            bySource[source, default: []].append(alert)
        }
        for (source, alerts) in bySource {
            lanes[source, default: Lane()].tracker.restore(firing: alerts)
            markTracked(alerts.map(\.device), in: source)
        }
        return orphans
    }

    /// The alerts waiting for their rule's `for`, each with the source it belongs to: what the agent saves when it
    /// stops, so that a restart does not start their `for` again (``adoptPending(_:devices:)``).
    public var pendingAlerts: [PendingAlert] {
        lanes.flatMap { source, lane in
            lane.tracker.activeAlertsInAnyOrder.filter { $0.state == .pending }.map {
                PendingAlert(source: source, alert: $0)
            }
        }.sorted { ($0.source, $0.alert.key) < ($1.source, $1.alert.key) }
    }

    /// Takes over the pending alerts saved by the previous run, so that each fires once its rule's `for` has
    /// passed since its condition started to hold, not since the restart.
    ///
    /// Only alerts of rules that still exist with a `for`, and of devices in `devices`, are taken; an alert
    /// already tracked (a firing one adopted from an open incident) is kept as it is. Call after ``adopt(_:)``.
    /// - Parameters:
    ///   - pending: The saved alerts.
    ///   - devices: The configured devices.
    /// - Returns: How many alerts were taken over.
    @discardableResult
    public mutating func adoptPending(_ pending: [PendingAlert], devices: Set<DeviceID>) -> Int {
        let holds = Dictionary(rules.map { ($0.name, $0.holdDuration) }, uniquingKeysWith: { first, _ in first })
        let bySource = Dictionary(
            grouping: pending.filter { saved in
                devices.contains(saved.alert.device) && (holds[saved.alert.ruleName] ?? .zero) > .zero
            },
            by: \.source)
        var restored = 0
        for (source, saved) in bySource {
            restored += lanes[source, default: Lane()].tracker.restore(pending: saved.map(\.alert))
            markTracked(saved.map(\.alert.device), in: source)
        }
        return restored
    }

    /// Notes that `devices` of `source` may have alerts of every rule in the tracker: a device polled already
    /// learns of alerts handed to the tracker from outside (adopted incidents, saved pending alerts) at its next
    /// poll, which evaluates every rule for it instead of only those it tracked.
    private mutating func markTracked(_ devices: [DeviceID], in source: String) {
        for device in Set(devices) {
            guard let place = lanes[source]?.places[device] else { continue }
            lanes[source]?.states[place].tracked = Array(repeating: true, count: rules.count)
        }
    }

    /// Takes the rules and devices of a reloaded configuration.
    ///
    /// - Alerts (pending with their `for:` hold, firing, flapping) of rules that still exist, by name, and of
    ///   devices still configured are kept: the next poll evaluates them under the rule as it now reads.
    /// - The alerts of removed rules and removed devices are dropped; the firing ones are returned as resolved.
    /// - With the same rules (in the same order; where they are written does not matter), every remaining device
    ///   keeps its evaluator (counter rates, range-function histories). With changed rules the rules are compiled
    ///   again and every device's new evaluator reads the device's latest poll: a `rate()` has a value at the first
    ///   poll after the reload, and an `_over_time` window starts with that one point.
    /// - Parameters:
    ///   - rules: The rules of the new configuration.
    ///   - devices: The devices of the new configuration.
    ///   - instant: When the reload took place.
    /// - Returns: The resolutions of the firing alerts that were dropped, in key order.
    public mutating func reconfigure(rules newRules: [AlertRule], devices: Set<DeviceID>, at instant: Date)
        -> [AlertChange]
    {
        let rulesChanged =
            newRules.count != rules.count
            || zip(rules, newRules).contains { !$0.hasSameDefinition(as: $1) }
        var next = rulesChanged ? RuleAlertSource(rules: newRules) : self
        let ruleNames = Set(next.alertingRuleNames)
        var changes: [AlertChange] = []
        for (source, var lane) in lanes {
            Self.append(
                lane.tracker.retain(ruleNames: ruleNames, devices: devices, at: instant), to: &changes, at: instant)
            lane.keep(devices)
            if rulesChanged {
                var workspace = Workspace()
                for (device, place) in lane.places {
                    lane.states[place] = next.primedDeviceState(
                        of: device, from: lane.states[place], lane.tracker, workspace: &workspace)
                }
            }
            next.lanes[source] = lane
        }
        self = next
        return changes
    }

    /// A device's state for a program compiled again, primed with the device's latest poll: the counters and range
    /// functions have one point, so a `rate()` has a value at the next poll. Nothing is evaluated into alerts.
    private func primedDeviceState(
        of device: DeviceID, from old: DeviceState, _ tracker: AlertTracker, workspace: inout Workspace
    ) -> DeviceState {
        var state = newDeviceState(device, tracker)
        guard let poll = old.lastPoll ?? old.evaluator.latestPoll else { return state }
        if rules.isEmpty {
            state.lastPoll = poll
        } else {
            state.evaluator.read(poll.samples, at: poll.at)
            state.evaluator.evaluate(expressions, into: &workspace.evaluations, scratch: &workspace.scratch)
        }
        return state
    }

    /// The pending and firing alerts of every source, sorted by key.
    public var activeAlerts: [Alert] {
        lanes.values.flatMap(\.tracker.activeAlertsInAnyOrder).sorted(byAlertKey: \.key)
    }
}
