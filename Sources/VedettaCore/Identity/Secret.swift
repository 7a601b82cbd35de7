/// A credential (SNMP community, password, token) that never shows itself in logs or output.
///
/// `description` and `debugDescription` print `<secret>`; only ``reveal()`` gives the value, so every place
/// that uses the real value is easy to find.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret value itself. Call it only where the value is sent to a device or service.
    public func reveal() -> String { value }

    /// Always `<secret>`.
    public var description: String { "<secret>" }

    /// Always `<secret>`.
    public var debugDescription: String { "<secret>" }
}
