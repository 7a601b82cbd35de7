/// What a report's rows are: one per site, role, device, rule, severity or root-cause category.
public enum ReportGrouping: String, Sendable, Hashable, CaseIterable, Codable {
    /// By the `site` label.
    case site
    /// By the `role` label.
    case role
    /// By device.
    case device
    /// By alert rule (`manual` for manual incidents).
    case rule
    /// By severity.
    case severity
    /// By root-cause category (`uncategorized` when nobody set one).
    case category

    /// Whether each row is a set of devices (site, role, device), so that its availability is that of its
    /// devices. Rows by rule, severity or category are kinds of incident: their availability is what that kind
    /// cost all the devices of the report.
    public var groupsDevices: Bool {
        switch self {
        case .site, .role, .device: true
        case .rule, .severity, .category: false
        }
    }

    /// The label the rows are taken from, for groupings by label.
    var label: String? {
        switch self {
        case .site: "site"
        case .role: "role"
        case .device: "device"
        case .rule, .severity, .category: nil
        }
    }
}
