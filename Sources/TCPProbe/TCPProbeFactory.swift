public import TCPKit
public import VedettaConfig
public import VedettaProbes

/// Builds the TCP probe of each `tcp:` check of a device.
public struct TCPProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/tcp``.
    public var kind: ProbeKind { .tcp }
    private let engine: ConnectEngine

    /// Creates the factory.
    /// - Parameter engine: The TCP engine every probe shares.
    public init(engine: ConnectEngine) {
        self.engine = engine
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        (check.settings as? TCPCheckConfiguration).map { TCPProbe(check: $0, engine: engine) }
    }
}
