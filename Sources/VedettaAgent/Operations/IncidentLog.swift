import Foundation
public import VedettaConfig
public import VedettaIncidents

/// Reads and changes the incident log for `vedetta incidents`, in the same SQLite file the agent writes.
///
/// Neither call creates a database: a data directory without one is an error naming the path, so a typo never
/// looks like an empty log.
public enum IncidentLog {
    /// Lists incidents, newest first.
    /// - Parameters:
    ///   - store: The agent's store.
    ///   - query: Which incidents.
    /// - Throws: `AgentError` when the database does not exist or cannot be opened or read.
    /// - Returns: The incidents.
    public static func list(store configuration: StoreConfiguration, query: IncidentQuery) async throws(AgentError)
        -> [Incident]
    {
        let store = try Agent.openStore(configuration, create: false)
        do {
            return try await store.incidents(matching: query)
        } catch {
            throw AgentError(.store, "cannot read incidents: \(error)", storeError: error)
        }
    }

    /// Acknowledges an open incident.
    /// - Throws: `AgentError` when it does not exist, is already restored, or the store is missing or fails.
    /// - Returns: The new acknowledgement, or the one already on record.
    public static func acknowledge(store configuration: StoreConfiguration, id: Int64, by person: String)
        async throws(AgentError) -> IncidentAcknowledgement
    {
        let store = try Agent.openStore(configuration, create: false)
        do {
            return try await store.acknowledge(id: id, by: person, at: Date())
        } catch {
            throw AgentError(.store, "cannot acknowledge incident \(id): \(error)", storeError: error)
        }
    }
}
