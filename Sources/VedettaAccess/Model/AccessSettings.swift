/// The `access:` settings: sessions, the sign-in limit, what is public, and a trusted proxy.
public struct AccessSettings: Sendable, Equatable {
    /// A session ends after this long without use (default 2 h).
    public var idleTimeout: Duration = .seconds(2 * 3600)
    /// A session ends this long after sign-in however it is used (default 12 h: a long shift).
    public var sessionLifetime: Duration = .seconds(12 * 3600)
    /// Failed sign-ins allowed per name and per address within ``loginWindow`` (default 5).
    public var loginLimit = 5
    /// The window of ``loginLimit`` (default 15 min).
    public var loginWindow: Duration = .seconds(900)
    /// Whether `/metrics`, `/metrics/devices/…` and `/api/v1/targets` answer without a token (default true, as
    /// Prometheus exporters do); when false they need a viewer's token.
    public var publicMetrics = true
    /// A reverse proxy whose `X-Forwarded-For` (and user header, for single sign-on) is trusted; off by default.
    public var trustedProxy: TrustedProxy?

    /// Creates the defaults.
    public init() {}

    /// A reverse proxy in front of the agent: its `X-Forwarded-For` gives the client's address (for the audit log
    /// and the sign-in limit) and, when ``header`` is set, it signs users on (single sign-on).
    public struct TrustedProxy: Sendable, Equatable {
        /// The header naming the user, e.g. `X-Remote-User`; `nil` when the proxy only forwards addresses.
        public var header: String?
        /// The proxy's addresses: its headers are believed only from these (loopback by default).
        public var addresses: [String]

        /// Creates a trusted proxy.
        public init(header: String?, addresses: [String] = ["127.0.0.1", "::1"]) {
            self.header = header
            self.addresses = addresses
        }
    }
}
