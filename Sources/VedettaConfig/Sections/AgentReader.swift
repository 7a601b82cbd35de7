import Foundation
import VedettaCore

/// Reads `agent:` of `vedetta.yaml`, applying the defaults.
enum AgentReader {
    static let keys = [
        "data_dir", "listen", "default_interval", "default_timeout", "max_concurrent_probes", "time_zone",
        "metrics_samples", "public_url", "history", "name", "sites", "cluster_lease",
    ]

    /// The agent settings; invalid values are reported and replaced by their defaults, so devices can still be
    /// checked against sensible values.
    ///
    /// - Parameters:
    ///   - reader: The `agent` value, or `nil` when the block is absent.
    ///   - configDirectory: The directory of `vedetta.yaml`, against which `data_dir` resolves.
    static func read(_ reader: NodeReader?, configDirectory: String) -> AgentConfiguration {
        var agent = AgentConfiguration(dataDirectory: ConfigPaths.absolute(ConfigPaths.join(configDirectory, "data")))
        guard let mapping = reader?.mapping(keys: keys) else { return agent }
        if let dataDirectory = mapping.optional("data_dir")?.nonEmptyString() {
            agent.dataDirectory = ConfigPaths.absolute(ConfigPaths.join(configDirectory, dataDirectory))
        }
        if let listen = mapping.optional("listen")?.hostPort(defaultPort: nil) {
            agent.listenHost = listen.host
            agent.listenPort = listen.port
        }
        let interval = mapping.optional("default_interval")?.duration()
        let timeout = mapping.optional("default_timeout")
        if let interval { agent.defaultInterval = interval }
        if let value = timeout?.duration() {
            if value < agent.defaultInterval {
                agent.defaultTimeout = value
            } else if let timeout {
                timeout.report(
                    "default_timeout \(value.compactDescription) must be shorter than default_interval "
                        + agent.defaultInterval.compactDescription
                )
            }
        } else if interval != nil, agent.defaultTimeout >= agent.defaultInterval,
            let intervalReader = mapping.optional("default_interval")
        {
            intervalReader.report(
                "default_interval \(agent.defaultInterval.compactDescription) must be longer than default_timeout "
                    + agent.defaultTimeout.compactDescription
            )
        }
        if let maximum = mapping.optional("max_concurrent_probes")?.int(minimum: 1) {
            agent.maxConcurrentProbes = maximum
        }
        if let zoneReader = mapping.optional("time_zone"), let name = zoneReader.nonEmptyString() {
            if let zone = TimeZone(identifier: name) {
                agent.timeZone = zone
            } else {
                zoneReader.report("unknown time zone \"\(name)\"; use an IANA name such as Europe/Rome or UTC")
            }
        }
        if let url = mapping.optional("public_url")?.httpURL() {
            agent.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let samples = mapping.optional("metrics_samples")?.choice(
            "metrics_samples", of: AgentConfiguration.MetricsSamples.self)
        {
            agent.metricsSamples = samples
        }
        if let history = mapping.optional("history") {
            agent.history = readHistory(history, defaults: agent.history)
        }
        if let name = mapping.optional("name")?.nonEmptyString() { agent.name = name }
        if let sites = mapping.optional("sites")?.stringList() { agent.sites = sites.map(\.value) }
        if let lease = mapping.optional("cluster_lease") {
            if let value = lease.duration(), value >= .seconds(3) {
                agent.clusterLease = value
            } else if lease.duration() != nil {
                lease.report("cluster_lease must be at least 3s (agents renew their leases every third of it)")
            }
        }
        return agent
    }

    /// `history: {keep: 6h, step: 5m, max_series: 100000}`: the console's charts.
    private static func readHistory(_ reader: NodeReader, defaults: RecentHistory.Settings) -> RecentHistory.Settings {
        var settings = defaults
        guard let mapping = reader.mapping(keys: ["keep", "step", "max_series"]) else { return settings }
        if let keep = mapping.optional("keep")?.duration() { settings.keep = keep }
        if let stepReader = mapping.optional("step"), let step = stepReader.duration() {
            if step < .seconds(1) {
                stepReader.report("agent.history.step must be at least 1s, got \(step.compactDescription)")
            } else {
                settings.step = step
            }
        }
        if settings.keep < settings.step {
            (mapping.optional("keep") ?? reader).report(
                "agent.history.keep \(settings.keep.compactDescription) must be at least one step "
                    + "(\(settings.step.compactDescription))")
            settings.keep = settings.step
        } else if settings.keep / settings.step > Double(RecentHistory.Settings.maximumPoints) {
            (mapping.optional("keep") ?? reader).report(
                "agent.history.keep \(settings.keep.compactDescription) is more than \(RecentHistory.Settings.maximumPoints) "
                    + "steps of \(settings.step.compactDescription); make the step longer")
        }
        if let maximum = mapping.optional("max_series")?.int(minimum: 0) { settings.maximumSeries = maximum }
        return settings
    }
}
