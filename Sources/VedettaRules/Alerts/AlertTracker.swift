public import Foundation
public import VedettaCore

/// The alerts of a rule set: one ``AlertStateMachine`` per device, rule and alert labels.
///
/// After evaluating a rule for a device, pass the ``RuleEvaluation`` to ``update(device:rule:evaluation:at:)``:
/// - every series in the results holds, and may become pending or firing;
/// - every alert tracked for that device and rule whose series is missing from the results no longer holds, so a
///   firing one is resolved (the interface came back, or left the device);
/// - ``RuleEvaluation/noData`` leaves the device's alerts for that rule as they are, so an unreachable device does
///   not resolve its interface alerts.
///
/// The tracker is a value with no clock: every change is a call with an explicit instant.
public struct AlertTracker: Sendable {
    private struct Scope: Hashable, Sendable {
        var device: DeviceID
        var ruleName: String
    }

    private struct Entry: Sendable {
        var machine: AlertStateMachine
        var alert: Alert
    }

    private struct EntryKey: Hashable, Sendable {
        var device: DeviceID
        var key: AlertKey
    }

    private var entries: [EntryKey: Entry] = [:]
    private var keysByScope: [Scope: Set<EntryKey>] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// Applies one evaluation of `rule` for `device`.
    ///
    /// - Parameters:
    ///   - device: The device whose poll was evaluated.
    ///   - rule: The rule; its current `for`, severity, labels and templates apply.
    ///   - evaluation: The result of ``RuleEvaluator/evaluate(_:samples:at:)``.
    ///   - instant: When the poll took place.
    /// - Returns: The alerts that started firing or were resolved, sorted by key.
    public mutating func update(
        device: DeviceID,
        rule: AlertRule,
        evaluation: RuleEvaluation,
        at instant: Date
    ) -> [AlertUpdate] {
        guard case .results(let results) = evaluation else { return [] }
        let scope = Scope(device: device, ruleName: rule.name)
        var updates: [AlertUpdate] = []
        var holding: Set<EntryKey> = []
        for result in results {
            let labels = rule.alertLabels(for: result.labels)
            let entryKey = EntryKey(device: device, key: AlertKey(ruleName: rule.name, labels: labels))
            holding.insert(entryKey)
            var machine = entries[entryKey]?.machine ?? AlertStateMachine(holdDuration: rule.holdDuration)
            machine.holdDuration = rule.holdDuration
            let transition = machine.observe(holds: true, value: result.value, at: instant)
            guard let state = Self.alertState(of: machine), let activeSince = machine.activeSince else { continue }
            let alert = Alert(
                ruleName: rule.name,
                device: device,
                labels: labels,
                value: result.value,
                state: state,
                activeSince: activeSince,
                firedAt: machine.firingSince,
                severity: rule.severity,
                summary: AlertTemplate.render(rule.summary, labels: labels, value: result.value, output: result.output),
                description: AlertTemplate.render(
                    rule.description, labels: labels, value: result.value, output: result.output)
            )
            entries[entryKey] = Entry(machine: machine, alert: alert)
            if let transition, case .firing = transition {
                updates.append(AlertUpdate(transition: transition, alert: alert))
            }
        }
        for entryKey in keysByScope[scope, default: []].subtracting(holding) {
            guard var entry = entries.removeValue(forKey: entryKey) else { continue }
            if let resolved = Self.release(&entry, at: instant) { updates.append(resolved) }
        }
        keysByScope[scope] = holding.isEmpty ? nil : holding
        return updates.sorted { $0.alert.key < $1.alert.key }
    }

    /// Rebuilds firing alerts after a restart, e.g. from the open incidents in the store.
    ///
    /// Each alert is tracked as firing since its `firedAt` (or `activeSince` when that is `nil`). The first
    /// evaluation of its rule for its device keeps it firing if its series still holds and resolves it if not.
    /// An alert already tracked under the same device and key is replaced.
    ///
    /// - Parameter alerts: The alerts to restore; their `state` is ignored.
    public mutating func restore(firing alerts: [Alert]) {
        for var alert in alerts {
            let firedAt = alert.firedAt ?? alert.activeSince
            alert.state = .firing
            alert.firedAt = firedAt
            alert.resolvedAt = nil
            let machine = AlertStateMachine(
                restoringFiringSince: firedAt,
                activeSince: alert.activeSince,
                value: alert.value
            )
            let entryKey = EntryKey(device: alert.device, key: alert.key)
            entries[entryKey] = Entry(machine: machine, alert: alert)
            keysByScope[Scope(device: alert.device, ruleName: alert.ruleName), default: []].insert(entryKey)
        }
    }

    /// Drops the alerts of rules and devices that are no longer configured, e.g. after a reload.
    ///
    /// - Parameters:
    ///   - ruleNames: The rules that still exist.
    ///   - devices: The devices that still exist.
    ///   - instant: When the reload took place.
    /// - Returns: The firing alerts that were dropped, as resolved, sorted by key.
    public mutating func retain(
        ruleNames: Set<String>,
        devices: Set<DeviceID>,
        at instant: Date
    ) -> [AlertUpdate] {
        var updates: [AlertUpdate] = []
        for scope in keysByScope.keys where !ruleNames.contains(scope.ruleName) || !devices.contains(scope.device) {
            for entryKey in keysByScope.removeValue(forKey: scope) ?? [] {
                guard var entry = entries.removeValue(forKey: entryKey) else { continue }
                if let resolved = Self.release(&entry, at: instant) { updates.append(resolved) }
            }
        }
        return updates.sorted { $0.alert.key < $1.alert.key }
    }

    /// Firing alerts, sorted by key.
    public var firingAlerts: [Alert] {
        entries.values.map(\.alert).filter { $0.state == .firing }.sorted { $0.key < $1.key }
    }

    /// The firing alerts of `device` for the rules named, without looking at other devices.
    /// - Parameters:
    ///   - device: The device.
    ///   - ruleNames: The rules to look at.
    /// - Returns: The alerts, in rule order, then key order.
    public func firingAlerts(of device: DeviceID, ruleNames: [String]) -> [Alert] {
        ruleNames.flatMap { ruleName in
            (keysByScope[Scope(device: device, ruleName: ruleName)] ?? []).compactMap { entries[$0]?.alert }
                .filter { $0.state == .firing }.sorted { $0.key < $1.key }
        }
    }

    /// Pending and firing alerts, sorted by key.
    public var activeAlerts: [Alert] {
        entries.values.map(\.alert).sorted { $0.key < $1.key }
    }

    /// Feeds "no longer holds" to an entry leaving the tracker; returns the update if it was firing.
    private static func release(_ entry: inout Entry, at instant: Date) -> AlertUpdate? {
        guard entry.machine.observe(holds: false, value: entry.alert.value ?? .nan, at: instant) == .resolved else {
            return nil
        }
        entry.alert.state = .resolved
        entry.alert.resolvedAt = instant
        return AlertUpdate(transition: .resolved, alert: entry.alert)
    }

    private static func alertState(of machine: AlertStateMachine) -> Alert.State? {
        switch machine.state {
        case .inactive: nil
        case .pending: .pending
        case .firing: .firing
        }
    }
}
