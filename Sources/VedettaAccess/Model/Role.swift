/// What a user may do; each role may do everything the roles below it may.
///
/// | Role | May |
/// |---|---|
/// | `viewer` | read everything (incidents, alerts, maintenance, on-call, reports, inventory), the wallboard |
/// | `operator` | also acknowledge, annotate, restore and open incidents; schedule maintenance; add substitutions |
/// | `admin` | also manage users and API tokens, and read the audit log |
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case viewer
    case `operator`
    case admin

    /// Whether this role may do what `required` may.
    public func allows(_ required: Role) -> Bool { self >= required }

    public static func < (left: Role, right: Role) -> Bool { left.rank < right.rank }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .admin: 2
        }
    }

    /// The names, for messages: `viewer, operator, admin`.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
}
