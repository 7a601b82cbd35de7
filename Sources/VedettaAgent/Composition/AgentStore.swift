public import VedettaAccess
public import VedettaIncidents
public import VedettaInventory
public import VedettaMaintenance
public import VedettaOnCall
public import VedettaReports

/// Everything the agent keeps in its database: the incident log, the outbox, the store's health, the
/// maintenance windows, the scheduled reports made, the devices' inventory, the on-call substitutions, and the
/// users, tokens, sessions and audit log. Every store kind implements all of it, and can hand its rows to a store of
/// another kind (`vedetta store copy`).
public typealias AgentStore = IncidentStore & MaintenanceStore & ScheduledReportLog & InventoryStore
    & SubstitutionStore & AccessStore & StoreRowTransfer
