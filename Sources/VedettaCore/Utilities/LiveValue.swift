import Synchronization

/// A value that the configuration reload replaces while the agent runs: every reader sees the latest one.
///
/// The parts of the agent that only read settings (the on-call roster, the router, the devices the API knows) hold
/// one of these instead of a copy, so a reload (`SIGHUP`, `POST /api/v1/reload`) reaches them without rebuilding
/// them.
public final class LiveValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    /// Creates the box holding `value`.
    public init(_ value: Value) {
        storage = Mutex(value)
    }

    /// The latest value.
    public var value: Value {
        storage.withLock { $0 }
    }

    /// Replaces the value; readers see the new one from now on.
    public func replace(with value: Value) {
        storage.withLock { $0 = value }
    }
}
