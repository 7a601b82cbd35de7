/// What a probe looks at: a device, the address it is reached at, and the labels every sample carries.
public struct Target: Sendable, Hashable, CustomStringConvertible {
    /// The device.
    public var device: DeviceID
    /// How the probe reaches it: `host:port` for SNMP, a URL for HTTP.
    public var address: String
    /// Labels added to every sample from this target; always includes `device`.
    public var labels: LabelSet
    /// Numbers about the device reported as samples with every probe run that brought data from it (`constants:`).
    public var constants: [DeviceConstant]

    /// Creates a target; the `device` label is set from `device`.
    public init(device: DeviceID, address: String, labels: LabelSet = LabelSet(), constants: [DeviceConstant] = []) {
        self.device = device
        self.address = address
        self.constants = constants
        var labels = labels
        labels["device"] = device.rawValue
        self.labels = labels
    }

    /// `device (address)`.
    public var description: String { "\(device) (\(address))" }
}
