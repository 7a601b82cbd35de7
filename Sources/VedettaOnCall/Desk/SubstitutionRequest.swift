/// A substitution as the CLI and the API receive it: text fields, checked by ``OnCallDesk/substitute(_:at:)``.
///
/// Times are `now`, a local time on the schedule's clock (`2026-12-07T08:00`), a date (`2026-12-07`, local
/// midnight) or ISO 8601 with an offset (`2026-12-07T08:00:00+01:00`). Give `end` or `duration`.
public struct SubstitutionRequest: Sendable, Hashable {
    /// The schedule.
    public var schedule: String?
    /// Who covers (short name).
    public var substitute: String?
    /// Whose shifts are covered; `nil` for whoever is on call.
    public var covers: String?
    /// When it starts.
    public var start: String?
    /// When it ends.
    public var end: String?
    /// How long it lasts, instead of `end`: `48h`, `2d`.
    public var duration: String?
    /// Why.
    public var reason: String?
    /// Who asks.
    public var by: String?

    /// Creates a request.
    public init(
        schedule: String? = nil, substitute: String? = nil, covers: String? = nil, start: String? = nil,
        end: String? = nil, duration: String? = nil, reason: String? = nil, by: String? = nil
    ) {
        self.schedule = schedule
        self.substitute = substitute
        self.covers = covers
        self.start = start
        self.end = end
        self.duration = duration
        self.reason = reason
        self.by = by
    }
}
