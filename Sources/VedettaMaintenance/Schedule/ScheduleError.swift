/// A maintenance schedule or recurrence rule that cannot be used, with the field at fault and what to do.
///
/// ``description`` reads `field: message`, e.g. `rrule: COUNT and UNTIL cannot both be given` or
/// `start: the start 2026-12-05T22:00 is a Saturday, but the rule repeats on SU: start the window on its first
/// occurrence`.
public struct ScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field at fault: `rrule`, `start`, `duration`, `exdate` or `tz`.
    public var field: String
    /// What is wrong, and what to do about it.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - field: The field at fault.
    ///   - message: What is wrong, and what to do about it.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }

    /// An error in the recurrence rule.
    static func rule(_ message: String) -> ScheduleError { ScheduleError(field: "rrule", message: message) }
}
