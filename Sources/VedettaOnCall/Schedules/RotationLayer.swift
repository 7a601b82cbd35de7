public import VedettaMaintenance

/// One layer of a schedule: people taking turns in order, a shift each, from a first hand-off on.
///
/// Shift *k* (counting from 0) starts at ``start`` plus *k* times ``length`` on the schedule's wall clock and
/// belongs to `participants[k % participants.count]`. With ``restrictions``, only the parts of each shift inside
/// them count; the hand-offs stay where the rotation puts them.
public struct RotationLayer: Sendable, Hashable {
    /// The layer's name, unique in its schedule, e.g. `business-hours`.
    public var name: String
    /// The first hand-off, on the schedule's wall clock; before it the layer covers nobody.
    public var start: LocalDateTime
    /// When the layer stops, on the schedule's wall clock; `nil` for never.
    public var end: LocalDateTime?
    /// How long each shift lasts.
    public var length: ShiftLength
    /// The people taking turns, by short name, in order; a name may appear more than once.
    public var participants: [String]
    /// When the layer applies; empty for all the time.
    public var restrictions: [TimeRestriction]

    /// Creates a layer.
    public init(
        name: String, start: LocalDateTime, end: LocalDateTime? = nil, length: ShiftLength, participants: [String],
        restrictions: [TimeRestriction] = []
    ) {
        self.name = name
        self.start = start
        self.end = end
        self.length = length
        self.participants = participants
        self.restrictions = restrictions
    }
}
