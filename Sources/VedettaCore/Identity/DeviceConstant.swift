/// A number about a device that its rules compare against, from `constants:` in its configuration: a PBX's
/// channel licence, a link's contracted bandwidth. Every successful probe of the device reports it as a sample.
public struct DeviceConstant: Sendable, Hashable {
    /// The sample name, e.g. `pbx_channel_licence`.
    public var name: String
    /// The value.
    public var value: Double

    /// Creates a constant.
    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}
