/// The name of a monitored device, unique within a configuration (e.g. `core-switch-1`).
public struct DeviceID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The device name as written in `vedetta.yaml`.
    public let rawValue: String

    /// Creates a device ID.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// Creates a device ID from a string literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The device name.
    public var description: String { rawValue }

    /// Orders devices by name.
    public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool { lhs.rawValue < rhs.rawValue }
}
