public import Foundation

/// One occurrence of a maintenance window: when it starts on the window's wall clock, and the real instants it
/// starts and ends.
public struct Occurrence: Sendable, Hashable {
    /// The start on the window's wall clock, as the rule produced it (it may fall in a daylight-saving gap).
    public var localStart: LocalDateTime
    /// The instant it starts: ``localStart`` read in the window's zone by ``LocalDateTime/instant(in:)``.
    public var start: Date
    /// The instant it ends: ``start`` plus the window's duration in real time, so a two-hour occurrence across a
    /// clock change still lasts two real hours.
    public var end: Date

    /// Creates an occurrence.
    /// - Parameters:
    ///   - localStart: The start on the window's wall clock.
    ///   - start: The instant it starts.
    ///   - end: The instant it ends.
    public init(localStart: LocalDateTime, start: Date, end: Date) {
        self.localStart = localStart
        self.start = start
        self.end = end
    }

    /// Whether `instant` is inside: from ``start`` (included) to ``end`` (excluded).
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }
}
