public import Foundation
public import VedettaConfig
public import VedettaMaintenance

/// The back-end of `vedetta maintenance`: the agent's store, with the windows from files applied first (so what
/// the command shows and changes is what the agent mutes), and the planner that applies the rules.
///
/// It never creates a database: a data directory without one is an error naming the path.
public struct MaintenanceDesk: Sendable {
    /// Creates, edits, ends, extends, deletes and lists windows.
    public let planner: MaintenancePlanner

    /// Opens the store of `store` and applies `configured` (the windows of the files), when given.
    /// - Parameters:
    ///   - store: The agent's store.
    ///   - configured: The windows of `maintenance_dir`; `nil` when the configuration was not read (`--data`
    ///     without a configuration file), in which case the stored windows from files are left as they are.
    ///   - defaultZone: The zone of windows that name none.
    /// - Throws: `AgentError` when the database is missing, cannot be opened, or the windows cannot be applied.
    public init(store: StoreConfiguration, configured: [MaintenanceWindowDraft]?, defaultZone: TimeZone)
        async throws(AgentError)
    {
        let opened = try await Agent.openStore(store, create: false)
        if let configured {
            do {
                _ = try await opened.syncConfiguredMaintenance(configured, at: Date())
            } catch {
                throw AgentError(
                    .store, "cannot apply the maintenance windows of the files: \(error)", storeError: error)
            }
        }
        self.planner = MaintenancePlanner(store: opened, defaultZone: defaultZone)
    }
}
