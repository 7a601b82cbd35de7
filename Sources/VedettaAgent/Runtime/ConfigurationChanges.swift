import Foundation
import VedettaConfig
import VedettaCore
import VedettaIncidents
import VedettaRules

/// What a reload changes, in words for the log and the API (``VedettaAPI/ReloadOutcome``), and which settings must
/// wait for a restart.
struct ConfigurationChanges {
    /// One line per kind of change, e.g. `devices: 2 added (pbx-2, sw-9)`.
    private(set) var lines: [String] = []
    /// The settings that changed but apply only at the next restart.
    private(set) var needsRestart: [String] = []

    /// The configuration that runs after a reload: `loaded`, except the settings that cannot change while the
    /// agent runs, which keep their running values (and are listed in `needsRestart`).
    private(set) var effective: VedettaConfiguration

    /// Compares the running configuration with the one just loaded.
    init(running: VedettaConfiguration, loaded: VedettaConfiguration) {
        effective = loaded
        keepRunningSettings(of: running, loaded: loaded)
        describeNamed(
            "devices", running.devices.map { ($0.id.rawValue, $0) }, effective.devices.map { ($0.id.rawValue, $0) },
            same: Self.sameDevice)
        describeNamed(
            "rules", running.rules.map { ($0.name, $0) }, effective.rules.map { ($0.name, $0) },
            same: { $0.hasSameDefinition(as: $1) })
        describeNamed(
            "trap rules", running.trapRules.map { ($0.name, $0) }, effective.trapRules.map { ($0.name, $0) },
            same: { $0.hasSameDefinition(as: $1) })
        let channelsBefore = running.channels.map(\.name)
        let channelsAfter = effective.channels.map(\.name)
        if channelsBefore != channelsAfter {
            lines.append("notification channels: \(channelsAfter.count) (\(Self.list(channelsAfter)))")
        }
        if running.routes != effective.routes { lines.append("notification routes changed") }
        if running.oncall != effective.oncall { lines.append("on-call roster changed") }
        if running.maintenance != effective.maintenance {
            lines.append("maintenance windows from files: \(effective.maintenance.count)")
        }
        if !running.profiles.hasSameProfiles(as: effective.profiles) {
            lines.append("device profiles changed: the SNMP checks start new probes")
        }
    }

    /// Keeps, in ``effective``, the running values of the settings that only a restart changes.
    private mutating func keepRunningSettings(of running: VedettaConfiguration, loaded: VedettaConfiguration) {
        // The listener, the data directory, the store, the trap receiver's socket and users, the access settings,
        // the retention and report schedules and the agent's clock are set up once, at start.
        // `default_interval` and `default_timeout` take effect through the devices, which a reload does change.
        for field in Self.fields(of: running.agent, loaded.agent) where field.before != field.after {
            needsRestart.append("agent.\(field.name)")
        }
        effective.agent = running.agent
        // What `/metrics` shows is read at each scrape; the scheduler takes a new limit of runs in flight.
        effective.agent.metricsSamples = loaded.agent.metricsSamples
        if running.agent.metricsSamples != loaded.agent.metricsSamples {
            lines.append("agent.metrics_samples: \(loaded.agent.metricsSamples.rawValue)")
        }
        effective.agent.maxConcurrentProbes = loaded.agent.maxConcurrentProbes
        if running.agent.maxConcurrentProbes != loaded.agent.maxConcurrentProbes {
            lines.append("agent.max_concurrent_probes: \(loaded.agent.maxConcurrentProbes)")
        }
        if running.store?.kind != loaded.store?.kind
            || running.store?.settings.location != loaded.store?.settings.location
        {
            needsRestart.append("store")
        }
        effective.store = running.store
        if running.receivers.count != loaded.receivers.count
            || zip(running.receivers, loaded.receivers).contains(where: {
                $0.kind != $1.kind || !$0.settings.isEqual(to: $1.settings)
            })
        {
            needsRestart.append("traps")
        }
        effective.receivers = running.receivers
        if running.access != loaded.access { needsRestart.append("access") }
        effective.access = running.access
        // Categories are read at each use; the retention's purge is set up at start.
        if running.incidents.retention != loaded.incidents.retention { needsRestart.append("incidents.retention") }
        effective.incidents.retention = running.incidents.retention
        if running.incidents.categories != loaded.incidents.categories {
            lines.append("incident categories: \(Self.list(loaded.incidents.categories))")
        }
        if running.reports != loaded.reports { needsRestart.append("reports") }
        effective.reports = running.reports
    }

    private mutating func describeNamed<Value>(
        _ noun: String, _ before: [(String, Value)], _ after: [(String, Value)], same: (Value, Value) -> Bool
    ) {
        let old = Dictionary(before, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after, uniquingKeysWith: { first, _ in first })
        let added = after.map(\.0).filter { old[$0] == nil }
        let removed = before.map(\.0).filter { new[$0] == nil }
        let changed = after.filter { name, value in old[name].map { !same($0, value) } ?? false }.map(\.0)
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(added.count) added (\(Self.list(added)))") }
        if !changed.isEmpty { parts.append("\(changed.count) changed (\(Self.list(changed)))") }
        if !removed.isEmpty { parts.append("\(removed.count) removed (\(Self.list(removed)))") }
        if !parts.isEmpty { lines.append("\(noun): " + parts.joined(separator: ", ")) }
    }

    /// Whether a device reads the same: labels, constants, interval, timeout, parents and checks (not where it is
    /// written).
    private static func sameDevice(_ lhs: DeviceConfiguration, _ rhs: DeviceConfiguration) -> Bool {
        lhs.labels == rhs.labels && lhs.constants == rhs.constants && lhs.interval == rhs.interval
            && lhs.timeout == rhs.timeout && lhs.parents.map(\.device) == rhs.parents.map(\.device)
            && lhs.checks.count == rhs.checks.count && zip(lhs.checks, rhs.checks).allSatisfy { $0.isSame(as: $1) }
    }

    /// At most five names, then how many more.
    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }

    /// The settings of `agent:` that only a restart changes, by their configuration key, as text.
    private static func fields(of lhs: AgentConfiguration, _ rhs: AgentConfiguration)
        -> [(name: String, before: String, after: String)]
    {
        [
            ("data_dir", lhs.dataDirectory, rhs.dataDirectory),
            ("listen", "\(lhs.listenHost):\(lhs.listenPort)", "\(rhs.listenHost):\(rhs.listenPort)"),
            ("time_zone", lhs.timeZone.identifier, rhs.timeZone.identifier),
            ("public_url", lhs.publicURL ?? "", rhs.publicURL ?? ""),
            ("history", "\(lhs.history)", "\(rhs.history)"),
            ("name", lhs.name, rhs.name),
            ("sites", lhs.sites.joined(separator: ","), rhs.sites.joined(separator: ",")),
            ("cluster_lease", lhs.clusterLease.compactDescription, rhs.clusterLease.compactDescription),
        ]
    }
}
