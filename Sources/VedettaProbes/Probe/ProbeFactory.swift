public import VedettaConfig
import VedettaCore

/// Builds the probes of one kind: the construction half of a probe kind, whose reading half is its
/// ``VedettaConfig/CheckReader``. The agent lists the built-in factories in one place and asks each for the probes
/// of the checks of its kind.
public protocol ProbeFactory: Sendable {
    /// The kind's key under `devices[]` (the reader's ``VedettaConfig/CheckReader/key``) and its `probe` label.
    var kind: ProbeKind { get }

    /// The probe for one check of a device.
    /// - Parameters:
    ///   - check: The check; its settings are this kind's.
    ///   - device: The device it belongs to.
    ///   - configuration: The whole configuration (for profiles).
    /// - Returns: The probe, or `nil` when the settings are not this kind's.
    func makeProbe(
        for check: CheckConfiguration,
        of device: DeviceConfiguration,
        in configuration: VedettaConfiguration
    ) -> (any Probe)?
}
