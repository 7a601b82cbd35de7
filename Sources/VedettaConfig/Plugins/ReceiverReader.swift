/// Reads one kind of receiver: a top-level section (`traps:`) for something that listens for what devices send,
/// rather than polling them.
public protocol ReceiverReader: Sendable {
    /// The top-level key, e.g. `traps`.
    var key: String { get }

    /// Reads the section.
    /// - Parameters:
    ///   - reader: The section's node.
    ///   - devices: The configured devices (a receiver may take their addresses or credentials).
    /// - Returns: The settings, or `nil` when a problem was reported.
    func readReceiver(_ reader: NodeReader, devices: [DeviceConfiguration]) -> (any ReceiverSettings)?
}

/// The validated settings of a receiver.
public protocol ReceiverSettings: Sendable, Equatable {}

extension ReceiverSettings {
    /// Whether `other` holds the same settings (of the same kind).
    public func isEqual(to other: any ReceiverSettings) -> Bool {
        (other as? Self) == self
    }
}

/// A configured receiver: its kind and the kind's settings.
public struct ReceiverConfiguration: Sendable {
    /// The kind's key, e.g. `traps`.
    public var kind: String
    /// The settings.
    public var settings: any ReceiverSettings

    /// Creates a receiver configuration.
    public init(kind: String, settings: any ReceiverSettings) {
        self.kind = kind
        self.settings = settings
    }
}
