public import Foundation
public import VedettaCore

/// The alerts of a rule set: one ``AlertStateMachine`` per device, rule and alert labels.
///
/// After evaluating a rule for a device, pass the ``RuleEvaluation`` to ``update(device:rule:evaluation:at:)``:
/// - every series in the results holds, and may become pending or firing;
/// - every alert tracked for that device and rule whose series is missing from the results no longer holds, so a
///   firing one is resolved (the interface came back, or left the device) — unless the rule keeps it firing:
///   `keep_firing_for` resolves it only once it has not held for that long, and `clear` (given as a
///   ``ClearEvaluation``) only once `clear` holds for its series or the series is no longer measured;
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
        /// Set while the alert flaps: it stays firing whatever its condition does, until that settles.
        var flapping: Flapping?
    }

    /// A flapping alert's watch on its condition.
    private struct Flapping: Sendable {
        /// When the alert started to flap.
        var since: Date
        /// When its condition last changed (started or stopped holding).
        var lastChange: Date
        /// Whether its condition held at the last evaluation.
        var holds: Bool

        mutating func observe(holds: Bool, at instant: Date) {
            guard holds != self.holds else { return }
            self.holds = holds
            lastChange = instant
        }
    }

    private struct EntryKey: Hashable, Sendable {
        var device: DeviceID
        var key: AlertKey
    }

    private var entries: [EntryKey: Entry] = [:]
    private var keysByScope: [Scope: Set<EntryKey>] = [:]
    /// When each alert of a scope fired or resolved, within its rule's flapping window.
    private var stateChanges: [Scope: [AlertKey: [Date]]] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// Applies one evaluation of `rule` for `device`.
    ///
    /// - Parameters:
    ///   - device: The device whose poll was evaluated.
    ///   - rule: The rule; its current `for`, severity, labels and templates apply.
    ///   - evaluation: The result of ``RuleEvaluator/evaluate(_:samples:at:)``.
    ///   - clearing: For a rule with `clear`, the result of ``RuleEvaluator/evaluateClear(_:samples:at:)``.
    ///   - instant: When the poll took place.
    /// - Returns: The alerts that started firing or were resolved, sorted by key.
    public mutating func update(
        device: DeviceID,
        rule: AlertRule,
        evaluation: RuleEvaluation,
        clearing: ClearEvaluation? = nil,
        at instant: Date
    ) -> [AlertUpdate] {
        guard case .results(let results) = evaluation else { return [] }
        let scope = Scope(device: device, ruleName: rule.name)
        // State changes are counted only for a rule that detects flapping, and only within its window.
        var changes: [AlertKey: [Date]] = [:]
        if let window = rule.flapping?.window.seconds {
            changes = (stateChanges.removeValue(forKey: scope) ?? [:]).compactMapValues { times in
                let recent = times.filter { instant.timeIntervalSince($0) < window }
                return recent.isEmpty ? nil : recent
            }
        } else {
            stateChanges[scope] = nil
        }
        var updates: [AlertUpdate] = []
        var holding: Set<EntryKey> = []
        for result in results {
            let labels = rule.alertLabels(for: result.labels)
            let entryKey = EntryKey(device: device, key: AlertKey(ruleName: rule.name, labels: labels))
            holding.insert(entryKey)
            if var entry = entries[entryKey], var flapping = entry.flapping {
                flapping.observe(holds: true, at: instant)
                entry.flapping = flapping
                entry.alert.value = result.value
                entries[entryKey] = entry
                continue
            }
            var machine = entries[entryKey]?.machine ?? AlertStateMachine(holdDuration: rule.holdDuration)
            machine.holdDuration = rule.holdDuration
            machine.keepFiringFor = rule.keepFiringFor
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
                if rule.flapping != nil { changes[entryKey.key, default: []].append(instant) }
                updates.append(AlertUpdate(transition: transition, alert: alert))
            }
        }
        // The alerts whose condition did not hold this time: resolved, or kept firing by `keep_firing_for`, between
        // `expr` and `clear`, or because they flap.
        let band = clearing.map { Band($0, rule: rule) }
        for entryKey in keysByScope[scope, default: []].subtracting(holding) {
            guard var entry = entries.removeValue(forKey: entryKey) else { continue }
            entry.machine.keepFiringFor = rule.keepFiringFor
            let heldUp = entry.machine.isFiring ? band?.holdsUp(entryKey.key.labels) : nil
            if var flapping = entry.flapping {
                flapping.observe(holds: heldUp != nil, at: instant)
                entry.flapping = flapping
                entry.alert.value = heldUp ?? entry.alert.value
            } else if let value = heldUp {
                _ = entry.machine.observe(holds: true, value: value, at: instant)
                entry.alert.value = value
            } else if entry.machine.observe(holds: false, value: entry.alert.value ?? .nan, at: instant) == .resolved {
                guard let policy = rule.flapping else {
                    updates.append(Self.resolved(&entry, at: instant))
                    continue
                }
                changes[entryKey.key, default: []].append(instant)
                guard changes[entryKey.key, default: []].count > policy.changes else {
                    updates.append(Self.resolved(&entry, at: instant))
                    continue
                }
                Self.startFlapping(&entry, rule: rule, at: instant)
                updates.append(AlertUpdate(transition: .flapping(since: instant), alert: entry.alert))
            }
            guard entry.machine.isFiring else { continue }
            entries[entryKey] = entry
            holding.insert(entryKey)
        }
        updates += settle(holding: &holding, changes: &changes, rule: rule, at: instant)
        keysByScope[scope] = holding.isEmpty ? nil : holding
        stateChanges[scope] = changes.isEmpty ? nil : changes
        return updates.sorted(byAlertKey: \.alert.key)
    }

    /// Keeps a resolving alert firing, as flapping from `instant`.
    private static func startFlapping(_ entry: inout Entry, rule: AlertRule, at instant: Date) {
        let firedAt = entry.alert.firedAt ?? entry.alert.activeSince
        var machine = AlertStateMachine(
            holdDuration: rule.holdDuration, restoringFiringSince: firedAt, activeSince: entry.alert.activeSince,
            value: entry.alert.value)
        machine.keepFiringFor = rule.keepFiringFor
        entry.machine = machine
        entry.flapping = Flapping(since: instant, lastChange: instant, holds: false)
        entry.alert.flappingSince = instant
    }

    /// Ends the flapping of the alerts of `holding` whose condition has not changed for the rule's `settle` (at
    /// once when the rule no longer detects flapping): each is `settled` when its condition holds (it keeps
    /// firing), else `resolved`. Their state changes are forgotten, so they are counted afresh.
    private mutating func settle(
        holding: inout Set<EntryKey>, changes: inout [AlertKey: [Date]], rule: AlertRule, at instant: Date
    ) -> [AlertUpdate] {
        var updates: [AlertUpdate] = []
        for entryKey in holding {
            guard var entry = entries[entryKey], let flapping = entry.flapping else { continue }
            let settle = rule.flapping?.settle.seconds ?? 0
            guard instant.timeIntervalSince(flapping.lastChange) >= settle else { continue }
            entry.flapping = nil
            entry.alert.flappingSince = nil
            changes[entryKey.key] = nil
            if flapping.holds {
                updates.append(AlertUpdate(transition: .settled, alert: entry.alert))
                entries[entryKey] = entry
            } else {
                _ = entry.machine.end()
                updates.append(Self.resolved(&entry, at: instant))
                entries[entryKey] = nil
                holding.remove(entryKey)
            }
        }
        return updates
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
            insert(Entry(machine: machine, alert: alert), at: EntryKey(device: alert.device, key: alert.key))
        }
    }

    /// Rebuilds pending alerts after a restart, e.g. the ones the agent saved when it stopped.
    ///
    /// Each alert is tracked as pending since its `activeSince`: the first evaluation of its rule for its device
    /// fires it if its series still holds and the rule's `for` has passed since then, keeps it pending if `for` has
    /// not passed, and drops it silently if the series no longer holds. An alert already tracked under the same
    /// device and key (a firing one adopted from an open incident) is kept as it is.
    ///
    /// - Parameter alerts: The alerts to restore; their `state` is ignored.
    /// - Returns: How many were restored (the others were tracked already).
    @discardableResult
    public mutating func restore(pending alerts: [Alert]) -> Int {
        var restored = 0
        for var alert in alerts {
            let entryKey = EntryKey(device: alert.device, key: alert.key)
            guard entries[entryKey] == nil else { continue }
            alert.state = .pending
            alert.firedAt = nil
            alert.resolvedAt = nil
            alert.flappingSince = nil
            let machine = AlertStateMachine(
                holdDuration: .zero, restoringPendingSince: alert.activeSince, value: alert.value)
            insert(Entry(machine: machine, alert: alert), at: entryKey)
            restored += 1
        }
        return restored
    }

    /// Tracks `entry` under `entryKey`, replacing what was tracked there, and files it under its device and rule.
    private mutating func insert(_ entry: Entry, at entryKey: EntryKey) {
        entries[entryKey] = entry
        keysByScope[Scope(device: entry.alert.device, ruleName: entry.alert.ruleName), default: []].insert(entryKey)
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
            stateChanges[scope] = nil
            for entryKey in keysByScope.removeValue(forKey: scope) ?? [] {
                guard var entry = entries.removeValue(forKey: entryKey) else { continue }
                if let resolved = Self.release(&entry, at: instant) { updates.append(resolved) }
            }
        }
        return updates.sorted(byAlertKey: \.alert.key)
    }

    /// Firing alerts, sorted by key.
    public var firingAlerts: [Alert] {
        entries.values.map(\.alert).filter { $0.state == .firing }.sorted(byAlertKey: \.key)
    }

    /// The firing alerts of `device` for the rules named, without looking at other devices.
    /// - Parameters:
    ///   - device: The device.
    ///   - ruleNames: The rules to look at.
    /// - Returns: The alerts, in rule order, then key order.
    public func firingAlerts(of device: DeviceID, ruleNames: [String]) -> [Alert] {
        alerts(of: device, ruleNames: ruleNames).filter { $0.state == .firing }
    }

    /// The pending and firing alerts of `device` for the rules named, without looking at other devices.
    /// - Parameters:
    ///   - device: The device.
    ///   - ruleNames: The rules to look at.
    /// - Returns: The alerts, in rule order, then key order.
    public func alerts(of device: DeviceID, ruleNames: [String]) -> [Alert] {
        ruleNames.flatMap { ruleName in
            (keysByScope[Scope(device: device, ruleName: ruleName)] ?? []).compactMap { entries[$0]?.alert }
                .sorted(byAlertKey: \.key)
        }
    }

    /// Whether the tracker holds anything for `device` and rule `ruleName`: an alert, or state changes it counts
    /// for flapping. An evaluation with no results changes nothing where it holds neither, so a caller may skip it.
    public func tracks(_ device: DeviceID, ruleName: String) -> Bool {
        let scope = Scope(device: device, ruleName: ruleName)
        return keysByScope[scope] != nil || stateChanges[scope] != nil
    }

    /// Whether `device` has a firing alert of the rule named: only then does the rule's `clear` need evaluating.
    public func hasFiringAlerts(of device: DeviceID, ruleName: String) -> Bool {
        (keysByScope[Scope(device: device, ruleName: ruleName)] ?? []).contains {
            entries[$0]?.machine.isFiring == true
        }
    }

    /// Pending and firing alerts, sorted by key.
    public var activeAlerts: [Alert] {
        activeAlertsInAnyOrder.sorted(byAlertKey: \.key)
    }

    /// Pending and firing alerts, unsorted: for a caller that merges several trackers' alerts and sorts once.
    public var activeAlertsInAnyOrder: [Alert] {
        entries.values.map(\.alert)
    }

    /// Ends an entry leaving the tracker (its rule or device was removed); returns the update if it was firing.
    private static func release(_ entry: inout Entry, at instant: Date) -> AlertUpdate? {
        guard entry.machine.end() == .resolved else { return nil }
        return resolved(&entry, at: instant)
    }

    private static func resolved(_ entry: inout Entry, at instant: Date) -> AlertUpdate {
        entry.alert.state = .resolved
        entry.alert.resolvedAt = instant
        return AlertUpdate(transition: .resolved, alert: entry.alert)
    }

    /// The band between a rule's `expr` and `clear` in one poll, by alert labels.
    private struct Band {
        let cleared: Set<LabelSet>
        let measured: [LabelSet: Double]

        init(_ clearing: ClearEvaluation, rule: AlertRule) {
            cleared = Set(clearing.cleared.map { rule.alertLabels(for: $0) })
            measured = Dictionary(
                clearing.measured.map { (rule.alertLabels(for: $0.key), $0.value) },
                uniquingKeysWith: { first, _ in first })
        }

        /// The current value of the alert with `labels` when it is measured and not cleared (it stays firing).
        func holdsUp(_ labels: LabelSet) -> Double? {
            cleared.contains(labels) ? nil : measured[labels]
        }
    }

    private static func alertState(of machine: AlertStateMachine) -> Alert.State? {
        switch machine.state {
        case .inactive: nil
        case .pending: .pending
        case .firing: .firing
        }
    }
}
