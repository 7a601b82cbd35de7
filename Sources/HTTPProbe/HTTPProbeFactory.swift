public import CurlKit
public import VedettaConfig
public import VedettaProbes

/// Builds the HTTP probe of each `http:` check of a device.
public struct HTTPProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/http``.
    public var kind: ProbeKind { .http }
    private let engine: CurlEngine

    /// Creates the factory.
    /// - Parameter engine: The curl engine every probe shares.
    public init(engine: CurlEngine) {
        self.engine = engine
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        (check.settings as? HTTPCheckConfiguration).map { HTTPProbe(check: $0, engine: engine) }
    }
}
