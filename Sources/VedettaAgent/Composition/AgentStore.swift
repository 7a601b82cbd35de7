public import VedettaIncidents
public import VedettaMaintenance
public import VedettaReports

/// Everything the agent keeps in its database: the incident log, the outbox, the store's health, the
/// maintenance windows and the scheduled reports made. Every store kind implements all of it.
public typealias AgentStore = IncidentStore & MaintenanceStore & ScheduledReportLog
