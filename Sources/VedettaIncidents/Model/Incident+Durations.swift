public import Foundation

extension Incident {
    /// How long the alert fired: `restoredAt − detectedAt`, or `nil` while the incident is open.
    public var timeToRestore: Duration? {
        restoredAt.map { Duration.between(detectedAt, and: $0) }
    }

    /// How long it took somebody to acknowledge: `acknowledgedAt − detectedAt`, or `nil` if nobody did.
    public var timeToAcknowledge: Duration? {
        acknowledgedAt.map { Duration.between(detectedAt, and: $0) }
    }

    /// How long the incident has lasted as of `instant`: until it was restored, or until `instant` while open.
    ///
    /// - Parameter instant: The wall-clock time to measure an open incident to.
    /// - Returns: The duration, never negative.
    public func duration(asOf instant: Date) -> Duration {
        let end = restoredAt.map { min($0, instant) } ?? instant
        return Duration.between(detectedAt, and: end)
    }
}

extension Duration {
    /// The time from `start` to `end` rounded to the millisecond (the precision incidents are stored with),
    /// or zero when `end` is not after `start` (or the difference is not a finite number).
    static func between(_ start: Date, and end: Date) -> Duration {
        let milliseconds = (end.timeIntervalSince(start) * 1000).rounded()
        guard milliseconds > 0, let whole = Int64(exactly: milliseconds) else { return .zero }
        return .milliseconds(whole)
    }
}
