/// How the team keeps its incident log (`incidents:` in `vedetta.yaml`): the root-cause categories people choose
/// from, and how long restored incidents are kept.
public struct IncidentPolicy: Sendable, Hashable {
    /// The categories when the configuration lists none.
    public static let defaultCategories = [
        "hardware", "carrier/line", "power", "software", "configuration", "human error", "unknown",
    ]

    /// The root-cause categories, in the order people see them.
    public var categories: [String]
    /// How long a restored incident is kept; `nil` keeps everything.
    public var retention: Duration?

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - categories: The root-cause categories.
    ///   - retention: How long restored incidents are kept (`nil`: forever).
    public init(categories: [String] = IncidentPolicy.defaultCategories, retention: Duration? = nil) {
        self.categories = categories
        self.retention = retention
    }
}
