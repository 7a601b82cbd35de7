public import Foundation

/// A substitution (override): someone covers a schedule, or one person's shifts in it, for a period.
///
/// "Giulia covers Marco from Monday 08:00 to Wednesday 08:00, sick leave" is `substitute: giulia, covers: marco`.
/// Without ``covers`` the substitute takes every shift in the period, and fills its gaps. A later substitution
/// goes over an earlier one where both apply.
public struct Substitution: Sendable, Hashable, Encodable {
    /// Its number.
    public var id: Int64
    /// The schedule it changes.
    public var schedule: String
    /// Who is on call instead.
    public var substitute: String
    /// Whose shifts are covered; `nil` for whoever the layers put on call (and the gaps).
    public var covers: String?
    /// When it starts.
    public var start: Date
    /// When it ends; after ``start``.
    public var end: Date
    /// Why, e.g. `sick leave`.
    public var reason: String
    /// Who created it.
    public var createdBy: String
    /// When it was created.
    public var createdAt: Date

    /// Creates a substitution.
    public init(
        id: Int64, schedule: String, substitute: String, covers: String?, start: Date, end: Date, reason: String,
        createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.schedule = schedule
        self.substitute = substitute
        self.covers = covers
        self.start = start
        self.end = end
        self.reason = reason
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    /// Whether it applies at `instant`.
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    enum CodingKeys: String, CodingKey {
        case id, schedule, substitute, covers, start, end, reason
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}

/// A substitution before the store gives it a number.
public struct SubstitutionDraft: Sendable, Hashable {
    /// The schedule it changes.
    public var schedule: String
    /// Who is on call instead.
    public var substitute: String
    /// Whose shifts are covered; `nil` for whoever is on call.
    public var covers: String?
    /// When it starts.
    public var start: Date
    /// When it ends.
    public var end: Date
    /// Why.
    public var reason: String
    /// Who creates it.
    public var createdBy: String

    /// Creates a draft.
    public init(
        schedule: String, substitute: String, covers: String?, start: Date, end: Date, reason: String,
        createdBy: String
    ) {
        self.schedule = schedule
        self.substitute = substitute
        self.covers = covers
        self.start = start
        self.end = end
        self.reason = reason
        self.createdBy = createdBy
    }
}
