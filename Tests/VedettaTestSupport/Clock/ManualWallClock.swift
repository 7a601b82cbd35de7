public import Foundation
import Synchronization

/// A wall clock that a test moves by hand: the only fake the tests use (time).
public final class ManualWallClock: Sendable {
    private let current: Mutex<Date>

    /// Creates a clock reading `start`.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.current = Mutex(start)
    }

    /// The time now.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
