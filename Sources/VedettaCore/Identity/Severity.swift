/// How urgent an alert is. Ordered: `info < warning < critical`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// For the record; nobody is woken.
    case info
    /// Needs attention during working hours.
    case warning
    /// Pages the person on call.
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    /// Orders by urgency.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
