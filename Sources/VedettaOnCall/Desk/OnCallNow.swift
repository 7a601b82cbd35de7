public import Foundation

/// Who is on call for one schedule at one instant.
public struct OnCallNow: Sendable, Hashable {
    /// The schedule.
    public var schedule: OnCallSchedule
    /// The shift holding the instant; `nil` when nobody is on call.
    public var shift: Shift?
    /// The person on call, when someone is.
    public var person: Person?
    /// Since when the person is on call without a break (across layers and substitutions); `nil` when nobody
    /// is, or when it is more than ``ShiftResolver/lookaround`` ago.
    public var since: Date?
    /// Until when the person is on call without a break: the next hand-off to someone else, or a gap; `nil` when
    /// nobody is on call, or when no hand-off comes within ``ShiftResolver/lookaround``.
    public var until: Date?

    /// Creates an answer.
    public init(schedule: OnCallSchedule, shift: Shift?, person: Person?, since: Date?, until: Date?) {
        self.schedule = schedule
        self.shift = shift
        self.person = person
        self.since = since
        self.until = until
    }
}
