/// Day of the week, in ISO order (Monday first), with the RFC 5545 two-letter codes `MO TU WE TH FR SA SU`.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// Monday, `MO`: the first day of the week (ISO 8601 and RFC 5545's default `WKST`).
    case monday = 1
    /// Tuesday, `TU`.
    case tuesday
    /// Wednesday, `WE`.
    case wednesday
    /// Thursday, `TH`.
    case thursday
    /// Friday, `FR`.
    case friday
    /// Saturday, `SA`.
    case saturday
    /// Sunday, `SU`.
    case sunday

    /// The RFC 5545 code: `MO`, `TU`, `WE`, `TH`, `FR`, `SA` or `SU`.
    public var code: String {
        switch self {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    /// The English name, for messages: `Monday` … `Sunday`.
    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// The weekday with an RFC 5545 code.
    /// - Parameter code: `MO` … `SU`, in any letter case.
    /// - Returns: The weekday, or `nil` when `code` is not one of the seven codes.
    public init?(code: String) {
        let upper = code.uppercased()
        guard let match = Weekday.allCases.first(where: { $0.code == upper }) else { return nil }
        self = match
    }

    /// Orders Monday first, Sunday last.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
