public import VedettaCore
public import VedettaRules

/// A validated configuration: `vedetta.yaml` plus every profile under `probes/` and rule under `alerts/`.
///
/// Every default is applied and every reference resolved; runtime code sees only this type.
public struct VedettaConfiguration: Sendable {
    /// Agent-wide settings.
    public var agent: AgentConfiguration
    /// The monitored devices, in file order.
    public var devices: [DeviceConfiguration]
    /// SNMP device profiles by name.
    public var profiles: [String: SNMPProfile]
    /// Alert rules, in file order.
    public var rules: [AlertRule]
    /// Webhooks notified when an incident opens or is restored.
    public var webhooks: [WebhookConfiguration]
    /// Every file that was read, root config first.
    public var files: [String]

    /// Creates a configuration.
    public init(
        agent: AgentConfiguration,
        devices: [DeviceConfiguration],
        profiles: [String: SNMPProfile],
        rules: [AlertRule],
        webhooks: [WebhookConfiguration],
        files: [String]
    ) {
        self.agent = agent
        self.devices = devices
        self.profiles = profiles
        self.rules = rules
        self.webhooks = webhooks
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

    /// Creates agent settings.
    public init(
        dataDirectory: String,
        listenHost: String = "127.0.0.1",
        listenPort: Int = 9470,
        defaultInterval: Duration = .seconds(60),
        defaultTimeout: Duration = .seconds(5),
        maxConcurrentProbes: Int = 256
    ) {
        self.dataDirectory = dataDirectory
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.defaultInterval = defaultInterval
        self.defaultTimeout = defaultTimeout
        self.maxConcurrentProbes = maxConcurrentProbes
    }
}

/// One monitored device (`devices[]`).
public struct DeviceConfiguration: Sendable {
    /// The unique device name.
    public var id: DeviceID
    /// User labels (`labels:`), added to every sample; the `device` label is added by the agent.
    public var labels: LabelSet
    /// How often it is polled.
    public var interval: Duration
    /// How long one poll may take.
    public var timeout: Duration
    /// SNMP polling, if configured.
    public var snmp: SNMPDeviceConfiguration?
    /// An HTTP check, if configured.
    public var http: HTTPCheckConfiguration?
    /// Where the device is defined.
    public var location: SourceLocation

    /// Creates a device.
    public init(
        id: DeviceID,
        labels: LabelSet = LabelSet(),
        interval: Duration,
        timeout: Duration,
        snmp: SNMPDeviceConfiguration? = nil,
        http: HTTPCheckConfiguration? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.labels = labels
        self.interval = interval
        self.timeout = timeout
        self.snmp = snmp
        self.http = http
        self.location = location
    }
}

/// Webhook channel (`notify.webhooks[]`): a JSON POST on incident open and restore.
public struct WebhookConfiguration: Sendable {
    /// Channel name, unique; appears in logs and metrics.
    public var name: String
    /// Where to POST.
    public var url: String
    /// Per-attempt timeout (`timeout`, default `10s`).
    public var timeout: Duration
    /// Extra HTTP headers (e.g. an `Authorization` token); values are secrets.
    public var headers: [String: Secret]

    /// Creates a webhook channel.
    public init(name: String, url: String, timeout: Duration = .seconds(10), headers: [String: Secret] = [:]) {
        self.name = name
        self.url = url
        self.timeout = timeout
        self.headers = headers
    }
}
