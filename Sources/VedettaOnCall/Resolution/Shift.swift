public import Foundation

/// A stretch of time during which one person is on call for a schedule: the final answer, after the layers and
/// the substitutions.
public struct Shift: Sendable, Hashable, Encodable {
    /// The schedule.
    public var schedule: String
    /// Who is on call (short name).
    public var person: String
    /// When it starts (or the start of the period asked about, if it started before).
    public var start: Date
    /// When it ends (or the end of the period asked about, if it ends after).
    public var end: Date
    /// The layer that put someone on call here; `nil` where a substitution fills a gap of the layers.
    public var layer: String?
    /// The substitution that put ``person`` here instead of the layers' choice, if any.
    public var substitution: Int64?
    /// With a substitution, whom the layers had put on call (`nil` in a gap).
    public var covers: String?

    /// Creates a shift.
    public init(
        schedule: String, person: String, start: Date, end: Date, layer: String?, substitution: Int64? = nil,
        covers: String? = nil
    ) {
        self.schedule = schedule
        self.person = person
        self.start = start
        self.end = end
        self.layer = layer
        self.substitution = substitution
        self.covers = covers
    }

    /// Whether `instant` is in it.
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    /// Whether `next` continues this shift: the same person, for the same reason, from this one's end.
    func isContinued(by next: Shift) -> Bool {
        next.start == end && next.person == person && next.layer == layer && next.substitution == substitution
            && next.covers == covers
    }
}
