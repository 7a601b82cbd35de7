/// One HTTP header field, as sent or received. Names compare case-insensitively in lookups, never here.
public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible {
    /// The field name, e.g. `Content-Type`.
    public var name: String
    /// The field value, without surrounding whitespace.
    public var value: String

    /// Creates a header.
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `Name: value`.
    public var description: String { "\(name): \(value)" }
}

extension Array where Element == HTTPHeader {
    /// The value of the first header named `name` (compared case-insensitively), or `nil`.
    /// - Parameter name: The field name to look for.
    /// - Returns: The first matching value.
    public func value(named name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }?.value
    }
}
