public import VedettaCore
public import VedettaIncidents

/// What the HTTP interface reads from the running agent.
public protocol AgentStatusSource: Sendable {
    /// Every device's latest samples, rendered once per poll: one group per device and probe, in a stable order
    /// (for `/metrics?all=1`).
    func deviceMetrics() async -> [MetricFamilies]
    /// One device's latest samples, rendered; empty before its first poll, `nil` when no device has that name
    /// (for `/metrics/devices/{name}`).
    func deviceMetrics(of device: String) async -> [MetricFamilies]?
    /// The latest samples of `device` as probes reported them, or `nil` for an unknown device (the console's
    /// device page).
    func latestSamples(of device: String) async -> [Sample]?
    /// The last hours of `device`'s series whose key `matching` accepts, a point per step of ``historySettings``, or
    /// `nil` for an unknown device (the console's charts and `/api/v1/devices/{name}/history`).
    func history(of device: String, matching: (SeriesKey) -> Bool) async -> [SeriesHistory]?
    /// How much ``history(of:matching:)`` keeps: the span and the length of one point.
    var historySettings: RecentHistory.Settings { get }
    /// What `/metrics` shows of the devices by default: `up` of every device and probe (when `includingUp`; the full
    /// dump has it in each device's own samples), `ALERTS`, and the counts of devices, open incidents and pending
    /// notifications.
    func summarySamples(includingUp: Bool) async -> [Sample]
    /// The lowest `up` of each device over its probes (0 when any probe failed), for the console's colours; devices
    /// never polled are missing.
    func upByDevice() async -> [String: Double]
    /// Whether `/metrics` shows every device's samples without `?all=1` (the agent's `metrics_samples: all`).
    var metricsShowAllSamples: Bool { get }
    /// The configured devices with their labels, for Prometheus service discovery (`/api/v1/targets`).
    func discoveryTargets() async -> [DiscoveryTarget]
    /// The agent's own metrics in Prometheus text format (from swift-metrics).
    func selfMetricsText() async -> String
    /// Incidents for the API.
    /// - Throws: `StoreError` when the store cannot be read.
    func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident]
    /// One incident with its timeline, or `nil`.
    /// - Throws: `StoreError` when the store cannot be read.
    func incident(id: Int64) async throws(StoreError) -> Incident?
    /// Pending and firing alerts, for `/api/v1/alerts`.
    func activeAlerts() async -> [ActiveAlert]
    /// A summary for `/healthz`.
    func health() async -> HealthReport
}

/// A device as Prometheus's HTTP service discovery sees it.
public struct DiscoveryTarget: Sendable, Hashable {
    /// The device's name.
    public var device: String
    /// The device's configured labels.
    public var labels: [String: String]

    /// Creates a target.
    public init(device: String, labels: [String: String]) {
        self.device = device
        self.labels = labels
    }
}

/// The body of `/healthz`.
public struct HealthReport: Sendable, Codable, Equatable {
    /// `ok`, or `degraded` when the store cannot be read.
    public var status: String
    /// Seconds since the agent started.
    public var uptimeSeconds: Double
    /// Configured devices.
    public var devices: Int
    /// Loaded rules.
    public var rules: Int
    /// Incidents open now.
    public var openIncidents: Int
    /// Notifications not yet delivered.
    public var pendingNotifications: Int
    /// Seconds the oldest undelivered notification has waited (`null` when none): a channel that is down shows
    /// here long before anyone misses a page.
    public var oldestPendingNotificationSeconds: Double?

    /// Creates a report.
    public init(
        status: String,
        uptimeSeconds: Double,
        devices: Int,
        rules: Int,
        openIncidents: Int,
        pendingNotifications: Int,
        oldestPendingNotificationSeconds: Double? = nil
    ) {
        self.status = status
        self.uptimeSeconds = uptimeSeconds
        self.devices = devices
        self.rules = rules
        self.openIncidents = openIncidents
        self.pendingNotifications = pendingNotifications
        self.oldestPendingNotificationSeconds = oldestPendingNotificationSeconds
    }

    enum CodingKeys: String, CodingKey {
        case status, devices, rules
        case uptimeSeconds = "uptime_seconds"
        case openIncidents = "open_incidents"
        case pendingNotifications = "pending_notifications"
        case oldestPendingNotificationSeconds = "oldest_pending_notification_seconds"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try container.encode(devices, forKey: .devices)
        try container.encode(rules, forKey: .rules)
        try container.encode(openIncidents, forKey: .openIncidents)
        try container.encode(pendingNotifications, forKey: .pendingNotifications)
        // Always present, `null` when nothing waits, so that scripts can rely on the key.
        try container.encode(oldestPendingNotificationSeconds, forKey: .oldestPendingNotificationSeconds)
    }
}

extension AgentStatusSource {
    /// No samples: a source that keeps none (tests of other routes).
    public func latestSamples(of device: String) async -> [Sample]? { nil }
    /// From ``summarySamples(includingUp:)``: a source that keeps no cheaper view of `up`.
    public func upByDevice() async -> [String: Double] {
        await summarySamples(includingUp: true).lowestUpByDevice()
    }
    /// No history: a source that keeps none.
    public func history(of device: String, matching: (SeriesKey) -> Bool) async -> [SeriesHistory]? { nil }
    /// The last hours of every series of `device`; see ``history(of:matching:)``.
    public func history(of device: String) async -> [SeriesHistory]? {
        await history(of: device) { _ in true }
    }
    /// The agent's defaults.
    public var historySettings: RecentHistory.Settings { RecentHistory.Settings() }
}

extension Sequence<Sample> {
    /// The lowest `up` of each device among these samples (0 when any of its probes failed); other samples are
    /// skipped.
    public func lowestUpByDevice() -> [String: Double] {
        var up: [String: Double] = [:]
        for sample in self where sample.name == "up" {
            if let device = sample.labels["device"] { up[device] = Swift.min(up[device] ?? 1, sample.value) }
        }
        return up
    }
}
