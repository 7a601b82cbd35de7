public import VedettaCore

/// SNMP protocol version spoken to an agent.
public enum SNMPProtocolVersion: String, Sendable, Hashable, CaseIterable {
    /// SNMPv1: walks use GETNEXT; no Counter64.
    case v1 = "1"
    /// SNMPv2c: walks use GETBULK; Counter64 and exceptions (noSuchObject, endOfMibView).
    case v2c = "2c"
    /// SNMPv3 with user-based security (``SNMPTargetSettings/security``); walks use GETBULK.
    case v3 = "3"
}

/// Where and how to reach one SNMP agent, with the per-request timeout and retries.
public struct SNMPTargetSettings: Sendable, Hashable {
    /// Host name, IPv4 address or IPv6 address (without brackets).
    public var host: String
    /// UDP port, usually 161.
    public var port: Int
    /// Protocol version.
    public var version: SNMPProtocolVersion
    /// Community string (SNMPv1/v2c only).
    public var community: Secret
    /// How long to wait for each attempt of each request.
    public var timeout: Duration
    /// Retries after a timeout (0: send once).
    public var retries: Int
    /// User-based security, required for ``SNMPProtocolVersion/v3`` and ignored otherwise.
    public var security: SNMPv3Security?

    /// Creates settings.
    public init(
        host: String,
        port: Int = 161,
        version: SNMPProtocolVersion = .v2c,
        community: Secret = Secret("public"),
        timeout: Duration = .seconds(1),
        retries: Int = 1,
        security: SNMPv3Security? = nil
    ) {
        self.host = host
        self.port = port
        self.version = version
        self.community = community
        self.timeout = timeout
        self.retries = retries
        self.security = security
    }

    /// `host:port`, with IPv6 hosts in brackets, for messages.
    public var address: String { HostPort(host: host, port: port).description }
}
