public import Foundation
public import VedettaAccess
public import VedettaCore
public import VedettaIncidents
public import VedettaMaintenance
public import VedettaOnCall
public import VedettaReports
public import VedettaRules

/// A validated configuration: `vedetta.yaml` plus every profile under `probes/` and rule under `alerts/`.
///
/// Every default is applied and every reference resolved; runtime code sees only this type.
public struct VedettaConfiguration: Sendable {
    /// Agent-wide settings.
    public var agent: AgentConfiguration
    /// The monitored devices, in file order.
    public var devices: [DeviceConfiguration]
    /// The device profiles of `probes_dir`.
    public var profiles: ProfileLibrary
    /// Alert rules over polled samples, in file order.
    public var rules: [AlertRule]
    /// Alert rules over SNMP notifications (`trap:`), in file order.
    public var trapRules: [TrapRule]
    /// What listens for what devices send (`traps:`), by kind.
    public var receivers: [ReceiverConfiguration]
    /// The notification channels (`notify:`), in file order, with unique names.
    public var channels: [ChannelConfiguration]
    /// Which alerts go to which channels (`notify.routes`), ending with a catch-all; `nil` for every alert to
    /// every channel.
    public var routes: [NotificationRoute]?
    /// The incident store (`store:`, or the first store kind's default); `nil` when no store kind is known.
    public var store: StoreConfiguration?
    /// The standing maintenance windows of `maintenance_dir`, in file order, with unique names.
    public var maintenance: [MaintenanceWindowDraft]
    /// The people and on-call schedules of `oncall_dir`.
    public var oncall: OnCallRoster
    /// How the incident log is kept (`incidents:`): root-cause categories and retention.
    public var incidents: IncidentPolicy
    /// How KPI reports are made (`reports:`).
    public var reports: ReportSettings
    /// Who may use the API and console (`access:`): sessions, the sign-in limit, public metrics, a proxy.
    public var access: AccessSettings
    /// Every file that was read, root config first.
    public var files: [String]

    /// Which devices stand behind which, from the devices' `parents`.
    public var topology: DeviceTopology {
        DeviceTopology(parents: Dictionary(devices.map { ($0.id, $0.parents.map(\.device)) }) { first, _ in first })
    }

    /// Creates a configuration.
    public init(
        agent: AgentConfiguration,
        devices: [DeviceConfiguration],
        profiles: ProfileLibrary = ProfileLibrary(),
        rules: [AlertRule],
        trapRules: [TrapRule] = [],
        receivers: [ReceiverConfiguration] = [],
        channels: [ChannelConfiguration] = [],
        routes: [NotificationRoute]? = nil,
        store: StoreConfiguration? = nil,
        maintenance: [MaintenanceWindowDraft] = [],
        oncall: OnCallRoster = OnCallRoster(),
        incidents: IncidentPolicy = IncidentPolicy(),
        reports: ReportSettings = ReportSettings(timeZone: AgentConfiguration.defaultTimeZone),
        access: AccessSettings = AccessSettings(),
        files: [String]
    ) {
        self.agent = agent
        self.devices = devices
        self.profiles = profiles
        self.rules = rules
        self.trapRules = trapRules
        self.receivers = receivers
        self.channels = channels
        self.routes = routes
        self.store = store
        self.maintenance = maintenance
        self.oncall = oncall
        self.incidents = incidents
        self.reports = reports
        self.access = access
        self.files = files
    }
}

/// Agent-wide settings (`agent:` in `vedetta.yaml`).
public struct AgentConfiguration: Sendable, Equatable {
    /// Where the SQLite incident store lives (`data_dir`, default `data` beside the config file).
    public var dataDirectory: String
    /// Host of the HTTP listener for `/metrics`, `/healthz` and the API (`listen`, default `127.0.0.1:9470`).
    public var listenHost: String
    /// Port of the HTTP listener.
    public var listenPort: Int
    /// Poll interval for devices that set none (`default_interval`, default `60s`).
    public var defaultInterval: Duration
    /// Probe timeout for devices that set none (`default_timeout`, default `5s`).
    public var defaultTimeout: Duration
    /// The most probes running at once (`max_concurrent_probes`, default `256`).
    public var maxConcurrentProbes: Int
    /// The time zone of maintenance windows that name none (`time_zone`, an IANA name, default `Europe/Rome`).
    public var timeZone: TimeZone
    /// What `/metrics` shows of the devices (`metrics_samples`, default `summary`).
    public var metricsSamples: MetricsSamples = .summary
    /// The address people's browsers reach the agent at, e.g. `https://vedetta.example.it` (`public_url`); the
    /// pages carry one-click acknowledgement links under it. `nil` (the default): no links.
    public var publicURL: String?
    /// How much of every series the agent keeps in memory for the console's charts (`history`).
    public var history = RecentHistory.Settings()
    /// The agent's name among the agents sharing a PostgreSQL store (`name`, default the host name).
    public var name = AgentConfiguration.defaultName
    /// The sites this agent polls when agents share a store (`sites`): devices whose `site` label is one of these.
    /// Empty (the default): devices of any site.
    public var sites: [String] = []
    /// How long a device stays with an agent that stopped beating (`cluster_lease`, default `15s`); agents renew
    /// their leases every third of it.
    public var clusterLease: Duration = .seconds(15)

    /// What `/metrics` shows of the devices.
    public enum MetricsSamples: String, Sendable, Equatable, CaseIterable {
        /// `up` of every device, `ALERTS` and counts; each device's samples at `/metrics/devices/{name}`, and all
        /// of them with `?all=1`.
        case summary
        /// Every device's samples, as with `?all=1`.
        case all
    }

    /// Creates agent settings.
    public init(
        dataDirectory: String,
        listenHost: String = "127.0.0.1",
        listenPort: Int = 9470,
        defaultInterval: Duration = .seconds(60),
        defaultTimeout: Duration = .seconds(5),
        maxConcurrentProbes: Int = 256,
        timeZone: TimeZone = AgentConfiguration.defaultTimeZone
    ) {
        self.dataDirectory = dataDirectory
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.defaultInterval = defaultInterval
        self.defaultTimeout = defaultTimeout
        self.maxConcurrentProbes = maxConcurrentProbes
        self.timeZone = timeZone
    }

    /// `Europe/Rome`, or UTC on a system without time-zone data.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Rome") ?? TimeZone.gmt

    /// The host name, the default agent name.
    public static let defaultName = ProcessInfo.processInfo.hostName
}

/// One monitored device (`devices[]`).
public struct DeviceConfiguration: Sendable {
    /// The unique device name.
    public var id: DeviceID
    /// User labels (`labels:`), added to every sample; the `device` label is added by the agent.
    public var labels: LabelSet
    /// Numbers about the device that rules compare against (`constants:`), e.g. its channel licence: each is a
    /// sample of every successful poll, with the poll's labels.
    public var constants: [DeviceConstant]
    /// How often it is polled.
    public var interval: Duration
    /// How long one poll may take.
    public var timeout: Duration
    /// The device's checks, in file order: one per kind, or several named ones.
    public var checks: [CheckConfiguration]
    /// The devices its traffic passes through (`parents:`): when all of them are down, its alerts page nobody.
    public var parents: [ParentReference]
    /// Where the device is defined.
    public var location: SourceLocation

    /// Creates a device.
    public init(
        id: DeviceID,
        labels: LabelSet = LabelSet(),
        constants: [DeviceConstant] = [],
        interval: Duration,
        timeout: Duration,
        checks: [CheckConfiguration],
        parents: [ParentReference] = [],
        location: SourceLocation
    ) {
        self.id = id
        self.labels = labels
        self.constants = constants
        self.interval = interval
        self.timeout = timeout
        self.checks = checks
        self.parents = parents
        self.location = location
    }

    /// The settings of the device's checks of kind `kind` that are of type `T`.
    public func checks<T: CheckSettings>(_ kind: String, as type: T.Type) -> [T] {
        checks.filter { $0.kind == kind }.compactMap { $0.settings as? T }
    }
}

/// One entry of a device's `parents:`: a device name, and where it is written (for errors about it).
public struct ParentReference: Sendable, Hashable {
    /// The parent device.
    public var device: DeviceID
    /// Where the name is written.
    public var location: SourceLocation

    /// Creates a reference.
    public init(device: DeviceID, location: SourceLocation) {
        self.device = device
        self.location = location
    }
}
