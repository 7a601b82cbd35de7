import Foundation
public import VedettaIncidents

/// Reads the incident log for `vedetta incidents`, from the same SQLite file the agent writes.
public enum IncidentLog {
    /// Lists incidents, newest first.
    /// - Parameters:
    ///   - dataDirectory: The agent's data directory.
    ///   - query: Which incidents.
    /// - Throws: `AgentError` when the store cannot be opened or read.
    /// - Returns: The incidents.
    public static func list(dataDirectory: String, query: IncidentQuery) async throws(AgentError) -> [Incident] {
        let store = try Agent.openStore(in: dataDirectory)
        do {
            return try await store.incidents(matching: query)
        } catch {
            throw AgentError("cannot read incidents: \(error)")
        }
    }

    /// Acknowledges an open incident.
    /// - Throws: `AgentError` when it does not exist, is already restored, or the store fails.
    /// - Returns: The updated incident.
    public static func acknowledge(dataDirectory: String, id: Int64, by person: String) async throws(AgentError)
        -> Incident
    {
        let store = try Agent.openStore(in: dataDirectory)
        do {
            return try await store.acknowledge(id: id, by: person, at: Date())
        } catch {
            throw AgentError("cannot acknowledge incident \(id): \(error)")
        }
    }
}
