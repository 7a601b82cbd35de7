public import VedettaConfig

/// The SNMP kind's configuration: `devices[].snmp` sections and the device profiles of `probes_dir`.
public struct SNMPCheckReader: CheckReader, ProfileReader {
    /// `snmp`.
    public let key = "snmp"

    /// Creates the reader.
    public init() {}

    /// Reads one `snmp:` section; see docs/configuration.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: The profiles that `profiles:` may name.
    /// - Returns: The device's SNMP settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        SNMPDeviceReader(profiles: profiles).read(reader)
    }

    /// Reads one `probes/*.yaml` profile.
    /// - Parameter reader: The file's root.
    /// - Returns: The profile, or `nil` when a problem was reported.
    public func readProfile(_ reader: NodeReader) -> (any DeviceProfile)? {
        SNMPProfileReader.read(reader)
    }
}
