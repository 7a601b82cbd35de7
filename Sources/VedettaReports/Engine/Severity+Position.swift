import VedettaCore

extension Severity {
    /// The position in `Severity.allCases` (info 0, warning 1, critical 2), for tables indexed by severity.
    var position: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }
}
