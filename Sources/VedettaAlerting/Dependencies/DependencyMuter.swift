public import Foundation
import Synchronization
public import VedettaCore
public import VedettaIncidents
public import VedettaRules

/// Mutes the alerts of devices cut off by a parent that is down, and says what a device that is down takes with
/// it: topology dependencies, the second muter of the agent.
///
/// The pipeline tells it, after each report, how the device stands by its `device_down` rules
/// (``record(device:source:condition:startedAt:finishedAt:)``). An alert of a device with parents is then muted
/// when every path to it is cut:
/// - a parent whose `device_down` alert fires is down; the alert is **unreachable through** it (or through the
///   parent's own parent, when the parent is itself cut off: the reason names the device at the root);
/// - a parent no `device_down` rule watches (a switch checked only over HTTP) stands for its own parents, once
///   its first report has shown that; until then (just after a start) it is waited for;
/// - a parent that is not known either way mutes the alert **while waiting**: its `device_down` alert is pending,
///   it has not been checked since the alert's condition started to hold (at most its interval and timeout,
///   then the alert pages), or it came back after the device's latest check started (a check that failed while
///   the parent was down proves nothing).
///
/// Several parents are redundant paths: one parent that answers is enough for the alert to page. The end of a
/// mute is not an event here: the pipeline asks again at the device's next report (``AlertChange/Kind/stillFiring``),
/// and an alert that still fires once its parent is back pages then.
public final class DependencyMuter: Muter, IncidentAnnotator, Sendable {
    /// The reason kind of a dependency mute.
    public static let kind = "dependency"

    private let layout: Mutex<Layout>
    private let state = Mutex(State())

    /// What the configuration says: which devices stand behind which, and what tells that a device is down.
    struct Layout {
        var topology: DeviceTopology
        var deviceDownRules: Set<String>
        var roles: [DeviceID: String]
        var waitLimits: [DeviceID: TimeInterval]

        init(
            topology: DeviceTopology, deviceDownRules: Set<String>, roles: [DeviceID: String],
            checkWindows: [DeviceID: Duration]
        ) {
            self.topology = topology
            self.deviceDownRules = deviceDownRules
            self.roles = roles
            self.waitLimits = checkWindows.mapValues { $0.seconds + 5 }
        }
    }

    /// What is known of the devices, and since when anything is known.
    struct State {
        var records: [DeviceID: DeviceRecord] = [:]
        /// When the first report was recorded: until a parent's first check can have come, a parent not yet
        /// checked is waited for (a restarted agent must not page for what its first reports cannot tell yet).
        var firstReportAt: Date?
    }

    /// Creates a muter.
    /// - Parameters:
    ///   - topology: Which devices stand behind which.
    ///   - deviceDownRules: The names of the rules whose firing means their device is down.
    ///   - roles: Each device's `role` label, for impact summaries.
    ///   - checkWindows: How long a check of each device may take to come (its interval plus timeout): an alert
    ///     waits at most that long (plus 5 s) for a parent's next check.
    public init(
        topology: DeviceTopology,
        deviceDownRules: Set<String>,
        roles: [DeviceID: String] = [:],
        checkWindows: [DeviceID: Duration] = [:]
    ) {
        self.layout = Mutex(
            Layout(topology: topology, deviceDownRules: deviceDownRules, roles: roles, checkWindows: checkWindows))
    }

    /// Takes the topology of a reloaded configuration, and forgets what it knew of devices no longer configured.
    /// What is known of the others (which are down, since when) is kept, so a reload neither unmutes the devices
    /// behind a router that is down nor waits again for routers that answer.
    /// - Parameters:
    ///   - topology: Which devices stand behind which.
    ///   - deviceDownRules: The names of the rules whose firing means their device is down.
    ///   - roles: Each device's `role` label.
    ///   - checkWindows: Each device's interval plus timeout.
    ///   - devices: Every configured device.
    public func reconfigure(
        topology: DeviceTopology, deviceDownRules: Set<String>, roles: [DeviceID: String],
        checkWindows: [DeviceID: Duration], devices: Set<DeviceID>
    ) {
        layout.withLock {
            $0 = Layout(
                topology: topology, deviceDownRules: deviceDownRules, roles: roles, checkWindows: checkWindows)
        }
        state.withLock { state in
            state.records = state.records.filter { devices.contains($0.key) }
        }
    }

    /// Records one report of `device`.
    /// - Parameters:
    ///   - device: The device.
    ///   - source: The report's source (probe kind and check).
    ///   - condition: How the device stands by the source's `device_down` rules, or `nil` when none had data.
    ///   - startedAt: When the check started.
    ///   - finishedAt: When it finished.
    public func record(
        device: DeviceID, source: String, condition: DeviceCondition?, startedAt: Date, finishedAt: Date
    ) {
        state.withLock { state in
            state.firstReportAt = state.firstReportAt ?? finishedAt
            state.records[device, default: DeviceRecord()].record(
                source: source, condition: condition, startedAt: startedAt, finishedAt: finishedAt)
        }
    }

    /// Takes `device` as down since `since` until its reports say otherwise: its `device_down` incident was open
    /// when the agent started, so the devices behind it stay muted across a restart.
    /// - Parameters:
    ///   - device: The device.
    ///   - source: The source of the incident's rule.
    ///   - since: When the incident was detected.
    public func assumeDown(_ device: DeviceID, source: String, since: Date) {
        state.withLock { state in
            state.records[device, default: DeviceRecord()].conditions[source] = .down
            state.records[device]?.checkedAt = since
        }
    }

    /// Why `alert` may not page: its device is unreachable through a parent that is down, or a parent's state is
    /// not yet known; `nil` when a parent answers or the device has none.
    public func muteReason(for alert: Alert, at instant: Date) -> MuteReason? {
        let layout = layout.withLock { $0 }
        guard !layout.topology.parents(of: alert.device).isEmpty else { return nil }
        let status = state.withLock { state -> PathFinder.Status in
            // A device that answers is reachable, whatever its parents' state: its alerts are its own.
            guard state.records[alert.device]?.condition != .up else { return .reachable }
            return PathFinder(topology: layout.topology, state: state, waitLimits: layout.waitLimits)
                .status(ofPathsTo: alert.device, problemSince: alert.activeSince, at: instant)
        }
        switch status {
        case .reachable:
            return nil
        case .unreachable(let roots):
            let through = roots.sorted().map(\.rawValue).joined(separator: ", ")
            return MuteReason(kind: Self.kind, detail: "unreachable through \(through)")
        case .awaiting(let detail):
            return MuteReason(kind: Self.kind, detail: detail)
        }
    }

    /// Adds the impact to the incident of a `device_down` alert whose device has others behind it.
    public func annotate(_ draft: inout IncidentDraft, for alert: Alert, at instant: Date) {
        guard layout.withLock({ $0.deviceDownRules.contains(alert.ruleName) }), let impact = impact(of: alert.device)
        else { return }
        draft.impact = impact.detail
    }

    /// The devices unreachable while `device` is down (with the other devices down now), or `nil` for none.
    public func impact(of device: DeviceID) -> DependencyImpact? {
        let layout = layout.withLock { $0 }
        let topology = layout.topology
        let candidates = topology.descendants(of: device)
        guard !candidates.isEmpty else { return nil }
        let down = state.withLock { state in
            Set(state.records.compactMap { $0.value.condition == .down ? $0.key : nil })
        }
        var cut: Set<DeviceID> = [device]
        var changed = true
        while changed {
            changed = false
            for candidate in candidates where !cut.contains(candidate) {
                let parents = topology.parents(of: candidate)
                if parents.allSatisfy({ cut.contains($0) || down.contains($0) }) {
                    cut.insert(candidate)
                    changed = true
                }
            }
        }
        cut.remove(device)
        guard !cut.isEmpty else { return nil }
        let unreachable = cut.sorted()
        var counts: [String: Int] = [:]
        for member in unreachable {
            if let role = layout.roles[member] { counts[role, default: 0] += 1 }
        }
        let roleCounts = counts.map { DependencyImpact.RoleCount(role: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.role) < ($0.count, $1.role) }
        return DependencyImpact(device: device, unreachable: unreachable, roles: roleCounts)
    }

    /// Every device cut off now, with the devices at the root of the cut (the ones that are down), by name.
    public func unreachableDevices(at instant: Date) -> [(device: DeviceID, through: [DeviceID])] {
        let layout = layout.withLock { $0 }
        return state.withLock { state in
            let finder = PathFinder(topology: layout.topology, state: state, waitLimits: layout.waitLimits)
            return layout.topology.parents.keys.sorted().compactMap { device in
                guard case .unreachable(let roots) = finder.status(ofPathsTo: device, problemSince: nil, at: instant)
                else { return nil }
                return (device, roots.sorted())
            }
        }
    }
}
