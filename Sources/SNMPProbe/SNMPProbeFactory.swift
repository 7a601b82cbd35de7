public import SNMPKit
public import VedettaConfig
public import VedettaProbes

/// Builds the SNMP probe of a device's `snmp:` check: with its profiles named, or selecting them by the device's
/// `sysObjectID` (``AutoSelectingSNMPProbe``) when `profiles` is `auto` or left out.
public struct SNMPProbeFactory: ProbeFactory {
    /// ``VedettaProbes/ProbeKind/snmp``.
    public var kind: ProbeKind { .snmp }
    private let engine: SNMPEngine

    /// Creates the factory.
    /// - Parameter engine: The SNMP engine every probe shares.
    public init(engine: SNMPEngine) {
        self.engine = engine
    }

    /// The probe of `check`.
    public func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)? {
        guard let settings = check.settings as? SNMPDeviceConfiguration else { return nil }
        let catalog = configuration.profiles.profiles(of: SNMPProfile.self)
        if settings.profileSelection.isAutomatic {
            return AutoSelectingSNMPProbe(settings: settings, catalog: catalog, engine: engine)
        }
        return SNMPProbe(settings: settings, profiles: settings.profiles.compactMap { catalog[$0] }, engine: engine)
    }
}
