public import SNMPKit
public import VedettaConfig
public import VedettaCore

/// How a device is polled over SNMP (`devices[].snmp`).
public struct SNMPDeviceConfiguration: CheckSettings {
    /// Host name or IP address (the host part of `address`).
    public var host: String
    /// UDP port (default 161).
    public var port: Int
    /// Protocol version (`version`, default `2c`).
    public var version: SNMPProtocolVersion
    /// Community string (`community`, default `public`; SNMPv1/v2c only).
    public var community: Secret
    /// SNMPv3 user-based security; set exactly when ``version`` is ``SNMPKit/SNMPProtocolVersion/v3``.
    public var v3: SNMPv3Security?
    /// Retries after a timeout (`retries`, default 1).
    public var retries: Int
    /// GETBULK max-repetitions (`max_repetitions`, default 25).
    public var maxRepetitions: Int
    /// Which profiles to poll (`profiles`): names, automatic selection by `sysObjectID.0`, or both.
    public var profileSelection: SNMPProfileSelection

    /// The profiles named in `profiles`, in order (without `auto`); every name exists in `probes/`. With
    /// automatic selection (``SNMPProfileSelection/isAutomatic``) more are added at run time.
    public var profiles: [String] {
        get { profileSelection.names }
        set { profileSelection.names = newValue }
    }

    /// Creates SNMP settings.
    /// - Parameters:
    ///   - host: Host name or IP address.
    ///   - port: UDP port.
    ///   - version: Protocol version.
    ///   - community: Community string (SNMPv1/v2c).
    ///   - retries: Retries after a timeout.
    ///   - maxRepetitions: GETBULK max-repetitions.
    ///   - profileSelection: Which profiles to poll.
    ///   - v3: SNMPv3 user-based security, for ``SNMPKit/SNMPProtocolVersion/v3``.
    public init(
        host: String,
        port: Int = 161,
        version: SNMPProtocolVersion = .v2c,
        community: Secret = Secret("public"),
        retries: Int = 1,
        maxRepetitions: Int = 25,
        profileSelection: SNMPProfileSelection,
        v3: SNMPv3Security? = nil
    ) {
        self.host = host
        self.port = port
        self.version = version
        self.community = community
        self.retries = retries
        self.maxRepetitions = maxRepetitions
        self.profileSelection = profileSelection
        self.v3 = v3
    }

    /// Creates SNMP settings that poll exactly the profiles `profiles`, in order.
    /// - Parameters:
    ///   - host: Host name or IP address.
    ///   - port: UDP port.
    ///   - version: Protocol version.
    ///   - community: Community string (SNMPv1/v2c).
    ///   - retries: Retries after a timeout.
    ///   - maxRepetitions: GETBULK max-repetitions.
    ///   - profiles: Profile names.
    ///   - v3: SNMPv3 user-based security, for ``SNMPKit/SNMPProtocolVersion/v3``.
    public init(
        host: String,
        port: Int = 161,
        version: SNMPProtocolVersion = .v2c,
        community: Secret = Secret("public"),
        retries: Int = 1,
        maxRepetitions: Int = 25,
        profiles: [String],
        v3: SNMPv3Security? = nil
    ) {
        self.init(
            host: host, port: port, version: version, community: community, retries: retries,
            maxRepetitions: maxRepetitions, profileSelection: .named(profiles), v3: v3)
    }

    /// `host:port`, with IPv6 hosts in brackets.
    public var address: String { HostPort(host: host, port: port).description }
}
