public import ICMPKit
public import VedettaConfig

/// A check that pings a host (`devices[].icmp`).
public struct ICMPCheckConfiguration: CheckSettings {
    /// The shortest time between two requests of a run (`interval`).
    public static let minimumInterval = Duration.milliseconds(10)
    /// The room left after a run's last request has waited its `packet_timeout`, within the check's timeout.
    static let margin = Duration.milliseconds(100)

    /// The host name or IP literal pinged (`host`).
    public var host: String
    /// Requests per run, spacing, wait per request, payload and family.
    public var ping: PingSettings

    /// Creates an ICMP check.
    public init(host: String, ping: PingSettings = PingSettings()) {
        self.host = host
        self.ping = ping
    }

    /// The host.
    public var address: String { host }

    /// The run's own deadline, from its settings: the last request is sent `(packets - 1) × interval` after the
    /// first and waits `packet_timeout`, plus 100 ms. Like every check's timeout, it must be shorter than the
    /// device's interval; the device's `timeout` does not apply.
    public var timeout: Duration? {
        ping.interval * (ping.packets - 1) + ping.timeout + Self.margin
    }

    /// How ``timeout`` is computed, for errors.
    public var timeoutDerivation: String? { "(packets - 1) × interval + packet_timeout + 100ms" }
}
