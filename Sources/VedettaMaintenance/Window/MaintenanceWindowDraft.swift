/// A window to create: its definition, who asks, and where it comes from.
public struct MaintenanceWindowDraft: Sendable, Hashable {
    /// Which alerts, when, why.
    public var definition: MaintenanceDefinition
    /// Who creates it; for a window from a file, the file.
    public var createdBy: String
    /// The name of a window from a file; `nil` for run-time windows.
    public var name: String?
    /// Where it comes from.
    public var origin: MaintenanceWindow.Origin

    /// Creates a draft.
    public init(
        definition: MaintenanceDefinition,
        createdBy: String,
        name: String? = nil,
        origin: MaintenanceWindow.Origin = .runtime
    ) {
        self.definition = definition
        self.createdBy = createdBy
        self.name = name
        self.origin = origin
    }
}
