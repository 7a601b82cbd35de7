public import VedettaIncidents
public import VedettaMaintenance

/// Everything the agent keeps in its database: the incident log, the outbox, the store's health and the
/// maintenance windows. Every store kind implements all of it.
public typealias AgentStore = IncidentStore & MaintenanceStore
