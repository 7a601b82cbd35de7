import Foundation
import Logging
import Metrics
import VedettaAPI
import VedettaAlerting
import VedettaConfig
import VedettaCore
import VedettaNotify
import VedettaOnCall
import VedettaProbes
import VedettaRules

/// Reads the configuration files again and applies them to the running agent, on `SIGHUP` and on
/// `POST /api/v1/reload`.
///
/// A configuration with errors is refused as `vedetta check` would refuse it (every `file:line:column`), and the
/// running one stays. A valid one is applied part by part, keeping the state that still applies:
/// - **Devices and checks**: a check that did not change keeps its probe and its place in the schedule; a new
///   check runs within seconds; a removed device is no longer polled, and its samples, history and alert state are
///   dropped (its firing alerts resolve, so their incidents are restored).
/// - **Rules and trap rules**: alerts of rules that still exist keep their state (pending `for:` holds, firing
///   alerts and their incidents, mutes); alerts of removed rules resolve. Changed rules are compiled again, and each
///   device's new evaluator reads its latest poll, so `rate()` carries on; `_over_time` windows start again.
/// - **Topology, routes, channels, on-call roster, maintenance windows from files**: replaced; what the dependency
///   muter knows of each device (down, since when) is kept.
/// - Settings set up once at start (`agent.listen`, `agent.data_dir`, `store`, `traps`, `access`,
///   `incidents.retention`, `reports`, ...) keep their running values until the next restart, and the outcome
///   names them.
///
/// Reloads run one at a time, in the order they were asked for.
actor ConfigurationReloader: ConfigurationReloading {
    /// The parts of the running agent a reload changes.
    struct Parts: Sendable {
        let polled: PolledDevices
        let pipeline: AlertingPipeline
        let dependencies: DependencyMuter
        let dispatcher: OutboxDispatcher
        let roster: LiveValue<OnCallRoster>
        let maintenance: MaintenanceWatcher
        let status: LiveValue<AgentStatus.Catalog>
        let inventory: LiveValue<AgentInventoryOperations.Catalog>
        let configuration: LiveValue<VedettaConfiguration>
        let traps: TrapIntake?
        /// Builds the notification channels of a configuration.
        let makeChannels: @Sendable (VedettaConfiguration) -> [any Notifier]
    }

    private let load: @Sendable () throws(ConfigErrors) -> VedettaConfiguration
    private let parts: Parts
    private let logger: Logger
    private var queue: Task<ReloadOutcome, Never>?

    /// Creates the reloader of a running agent.
    /// - Parameters:
    ///   - load: Reads and checks the configuration files, with the command line's overrides.
    ///   - parts: What a reload changes.
    ///   - logger: The agent's logger.
    init(load: @escaping @Sendable () throws(ConfigErrors) -> VedettaConfiguration, parts: Parts, logger: Logger) {
        self.load = load
        self.parts = parts
        self.logger = logger
        ReloadMetrics.started(at: Date())
    }

    func reload(trigger: String) async -> ReloadOutcome {
        let previous = queue
        let next = Task { [previous] in
            _ = await previous?.value
            return await self.perform(trigger: trigger)
        }
        queue = next
        return await next.value
    }

    private func perform(trigger: String) async -> ReloadOutcome {
        let at = Date()
        var logger = self.logger
        logger[metadataKey: "reload.trigger"] = "\(trigger)"
        let loaded: VedettaConfiguration
        do {
            loaded = try load()
        } catch {
            ReloadMetrics.reloaded(applied: false, at: at)
            logger.error(
                "configuration reload refused; the running configuration stays",
                metadata: ["errors": "\(error.errors.count)", "error": "\(error.description)"])
            return ReloadOutcome(applied: false, at: at, errors: error.errors.map(\.description))
        }
        let running = parts.configuration.value
        let changes = ConfigurationChanges(running: running, loaded: loaded)
        let warnings = await apply(changes.effective, replacing: running)
        ReloadMetrics.reloaded(applied: true, at: at)
        logger.notice(
            "configuration reloaded",
            metadata: [
                "changes": "\(changes.lines.isEmpty ? "none" : changes.lines.joined(separator: "; "))",
                "devices": "\(changes.effective.devices.count)", "rules": "\(changes.effective.rules.count)",
            ])
        if !changes.needsRestart.isEmpty {
            logger.warning(
                "some changed settings apply only after a restart; their running values stay",
                metadata: ["settings": "\(changes.needsRestart.joined(separator: ", "))"])
        }
        return ReloadOutcome(
            applied: true, at: at, changes: changes.lines, needsRestart: changes.needsRestart, warnings: warnings)
    }

    /// Applies `next` to every part; returns what failed and will be retried.
    private func apply(_ next: VedettaConfiguration, replacing running: VedettaConfiguration) async -> [String] {
        let devices = Set(next.devices.map(\.id))
        parts.configuration.replace(with: next)
        // Polling first: a removed device is polled no more, its samples and history are dropped.
        await parts.polled.replace(configuration: next)
        parts.status.replace(with: AgentStatus.Catalog(next))
        let dependency = DependencySettings(next)
        parts.dependencies.reconfigure(
            topology: next.topology, deviceDownRules: dependency.deviceDownRules, roles: dependency.roles,
            checkWindows: dependency.checkWindows, devices: devices)
        let channels = parts.makeChannels(next)
        parts.roster.replace(with: next.oncall)
        parts.dispatcher.reconfigure(channels: channels, roster: next.oncall)
        await parts.pipeline.reconfigure(
            rules: next.rules, trapRules: next.trapRules,
            router: Agent.makeRouter(next, channels: channels.map(\.name)), devices: devices)
        parts.inventory.replace(with: AgentInventoryOperations.Catalog(of: next))
        await parts.traps?.reconfigure(devices: next)
        var warnings: [String] = []
        if next.maintenance != running.maintenance {
            do throws(StoreError) {
                try await parts.maintenance.apply(configured: next.maintenance)
            } catch {
                warnings.append("maintenance windows from files not applied yet (the store refused them): \(error)")
                logger.error(
                    "cannot apply the maintenance windows of the reloaded files", metadata: ["error": "\(error)"])
            }
        }
        return warnings
    }
}

/// The reload metrics, as Prometheus names its own (`prometheus_config_last_reload_successful`).
enum ReloadMetrics {
    private static let successful = Gauge(label: "vedetta_config_last_reload_successful")
    private static let successTime = Gauge(label: "vedetta_config_last_reload_success_timestamp_seconds")
    private static let succeeded = Counter(label: "vedetta_config_reloads_total", dimensions: [("result", "applied")])
    private static let refused = Counter(label: "vedetta_config_reloads_total", dimensions: [("result", "refused")])

    /// Records the configuration loaded at start.
    static func started(at instant: Date) {
        successful.record(1)
        successTime.record(instant.timeIntervalSince1970)
    }

    /// Records a reload.
    static func reloaded(applied: Bool, at instant: Date) {
        successful.record(applied ? 1 : 0)
        if applied { successTime.record(instant.timeIntervalSince1970) }
        (applied ? succeeded : refused).increment()
    }
}

extension AgentStatus.Catalog {
    /// The devices and rules of `configuration`.
    init(_ configuration: VedettaConfiguration) {
        self.init(
            devices: configuration.devices.map {
                DiscoveryTarget(device: $0.id.rawValue, labels: $0.labels.dictionary)
            },
            ruleCount: configuration.rules.count, showAllSamples: configuration.agent.metricsSamples == .all)
    }
}

/// What the dependency muter needs of a configuration besides the topology.
struct DependencySettings {
    let deviceDownRules: Set<String>
    let roles: [DeviceID: String]
    let checkWindows: [DeviceID: Duration]

    init(_ configuration: VedettaConfiguration) {
        deviceDownRules = Set(configuration.rules.filter(\.marksDeviceDown).map(\.name))
        roles = Dictionary(
            configuration.devices.compactMap { device in device.labels["role"].map { (device.id, $0) } },
            uniquingKeysWith: { first, _ in first })
        checkWindows = Dictionary(
            configuration.devices.map { ($0.id, $0.interval + $0.timeout) }, uniquingKeysWith: { first, _ in first })
    }
}
