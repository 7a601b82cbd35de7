public import ICMPKit
public import VedettaConfig
public import VedettaProbes

/// Builds the ICMP probe of each `icmp:` check of a device.
public struct ICMPProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/icmp``.
    public var kind: ProbeKind { .icmp }
    private let engine: PingEngine

    /// Creates the factory.
    /// - Parameter engine: The ping engine every probe shares (one socket per address family).
    public init(engine: PingEngine) {
        self.engine = engine
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        (check.settings as? ICMPCheckConfiguration).map { ICMPProbe(check: $0, engine: engine) }
    }
}
