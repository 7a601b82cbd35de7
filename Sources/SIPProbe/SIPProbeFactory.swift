public import SIPKit
public import VedettaConfig
public import VedettaProbes

/// Builds the SIP probe of each `sip:` check of a device.
public struct SIPProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/sip``.
    public var kind: ProbeKind { .sip }
    private let engine: SIPEngine

    /// Creates the factory.
    /// - Parameter engine: The SIP engine every probe shares.
    public init(engine: SIPEngine) {
        self.engine = engine
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        (check.settings as? SIPCheckConfiguration).map { SIPProbe(check: $0, engine: engine) }
    }
}
