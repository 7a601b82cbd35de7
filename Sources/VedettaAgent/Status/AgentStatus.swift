import Foundation
import VedettaAPI
import VedettaAlerting
import VedettaCore
import VedettaIncidents
import VedettaRules

/// The running agent as the HTTP interface sees it.
struct AgentStatus: AgentStatusSource {
    let store: any IncidentStore
    let pipeline: AlertingPipeline
    let samples: SampleCache
    let recentHistory: RecentHistory
    let startedAt: ContinuousClock.Instant
    let dependencies: DependencyMuter?
    /// The configured devices and rules, replaced by a configuration reload.
    let catalog: LiveValue<Catalog>
    /// The devices this agent polls.
    let polled: PolledDevices

    /// What the configuration says the agent watches.
    struct Catalog: Sendable {
        /// The devices, for service discovery.
        var devices: [DiscoveryTarget]
        /// The configured devices' names, so a device's scrape finds its device without walking the list.
        var deviceNames: Set<String>
        /// How many alert rules there are.
        var ruleCount: Int
        /// Whether `/metrics` shows every device's samples without `?all=1` (`agent.metrics_samples: all`).
        var showAllSamples: Bool

        init(devices: [DiscoveryTarget], ruleCount: Int, showAllSamples: Bool) {
            self.devices = devices
            self.deviceNames = Set(devices.map(\.device))
            self.ruleCount = ruleCount
            self.showAllSamples = showAllSamples
        }
    }

    init(
        store: any IncidentStore, pipeline: AlertingPipeline, samples: SampleCache, history: RecentHistory,
        startedAt: ContinuousClock.Instant, catalog: LiveValue<Catalog>, dependencies: DependencyMuter?,
        polled: PolledDevices
    ) {
        self.polled = polled
        self.store = store
        self.pipeline = pipeline
        self.samples = samples
        self.recentHistory = history
        self.startedAt = startedAt
        self.catalog = catalog
        self.dependencies = dependencies
    }

    var deviceCount: Int { catalog.value.devices.count }
    var metricsShowAllSamples: Bool { catalog.value.showAllSamples }
    private var ruleCount: Int { catalog.value.ruleCount }

    private func isConfigured(_ device: String) -> Bool {
        catalog.value.deviceNames.contains(device)
    }

    func deviceMetrics() async -> [MetricFamilies] {
        samples.allFamilies()
    }

    func deviceMetrics(of device: String) async -> [MetricFamilies]? {
        guard isConfigured(device) else { return nil }
        return samples.families(of: DeviceID(device))
    }

    func latestSamples(of device: String) async -> [Sample]? {
        guard isConfigured(device) else { return nil }
        return samples.samples(of: DeviceID(device))
    }

    func history(of device: String, matching: (SeriesKey) -> Bool) async -> [SeriesHistory]? {
        guard isConfigured(device) else { return nil }
        return recentHistory.series(of: DeviceID(device), matching: matching)
    }

    var historySettings: RecentHistory.Settings { recentHistory.settings }

    /// Read from the latest polls only: the summary would also read every alert and ask the store for its counts.
    func upByDevice() async -> [String: Double] {
        samples.lowestUpByDevice()
    }

    func summarySamples(includingUp: Bool) async -> [Sample] {
        let alerts = await activeAlerts().map { alert in
            Sample(
                name: "ALERTS", labels: LabelSet(alert.seriesLabels), value: 1,
                help: "Pending and firing alerts; alertstate is suppressed when maintenance holds their pages.")
        }
        let report = await health()
        let counts = [
            Sample(
                name: "vedetta_incidents_open", labels: [:], value: Double(report.openIncidents),
                help: "Incidents open now (0 while the store cannot be read; see /healthz)."),
            Sample(
                name: "vedetta_notifications_pending", labels: [:], value: Double(report.pendingNotifications),
                help: "Notifications not yet delivered."),
            Sample(
                name: "vedetta_devices", labels: [:], value: Double(report.devices), help: "Configured devices."),
            Sample(
                name: "vedetta_history_series", labels: [:], value: Double(recentHistory.seriesCount),
                help: "Series whose recent history the agent keeps for the console's charts."),
            Sample(
                name: "vedetta_history_series_limit", labels: [:],
                value: Double(recentHistory.settings.maximumSeries),
                help: "The most series the recent history keeps (agent.history.max_series)."),
            Sample(
                name: "vedetta_history_samples_dropped_total", labels: [:],
                value: Double(recentHistory.droppedSamples), kind: .counter,
                help: "Samples left out of the recent history because it kept agent.history.max_series series."),
        ]
        let unreachable = (dependencies?.unreachableDevices(at: Date()) ?? []).map { entry in
            Sample(
                name: "vedetta_device_unreachable",
                labels: [
                    "device": entry.device.rawValue, "through": entry.through.map(\.rawValue).joined(separator: ","),
                ],
                value: 1,
                help: "Devices cut off because every parent is down; through names the devices down at the root.")
        }
        return (includingUp ? samples.upSamples() : []) + alerts + unreachable + counts
    }

    /// The devices Prometheus should scrape here: those this agent polls (all of them without a cluster).
    func discoveryTargets() async -> [DiscoveryTarget] {
        guard let held = await polled.held else { return catalog.value.devices }
        return catalog.value.devices.filter { held.contains(DeviceID($0.device)) }
    }

    func selfMetricsText() async -> String {
        SelfMetrics.shared.text()
    }

    func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident] {
        try await store.incidents(matching: query)
    }

    func incident(id: Int64) async throws(StoreError) -> Incident? {
        try await store.incident(id: id)
    }

    func activeAlerts() async -> [ActiveAlert] {
        await pipeline.alertStatuses().map { status in
            let alert = status.alert
            return ActiveAlert(
                rule: alert.ruleName,
                state: alert.state.rawValue,
                severity: alert.severity.rawValue,
                labels: alert.labels.dictionary,
                value: alert.value,
                activeSince: alert.activeSince,
                firedAt: alert.firedAt,
                summary: alert.summary,
                suppressedBy: status.mutedBy?.detail,
                maintenanceWindow: status.mutedBy?.maintenanceWindowID,
                flappingSince: alert.flappingSince
            )
        }
    }

    func health() async -> HealthReport {
        let uptime = (ContinuousClock.now - startedAt).seconds
        do {
            let vitals = try await store.vitalSigns(at: Date())
            return HealthReport(
                status: "ok",
                uptimeSeconds: uptime,
                devices: deviceCount,
                rules: ruleCount,
                openIncidents: vitals.openIncidents,
                pendingNotifications: vitals.pendingNotifications,
                oldestPendingNotificationSeconds: vitals.oldestPendingAge?.seconds
            )
        } catch {
            return HealthReport(
                status: "degraded",
                uptimeSeconds: uptime,
                devices: deviceCount,
                rules: ruleCount,
                openIncidents: 0,
                pendingNotifications: 0
            )
        }
    }
}
