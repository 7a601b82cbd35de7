/// Everything the agent stores about incidents, split by job: the ``IncidentLog``, what people write in it and
/// reports read from it (``IncidentRecords``), its ``OutboxQueue``, the escalations' timers (``EscalationLog``)
/// and the store's ``StoreHealth``.
///
/// The jobs are separate protocols so that each can be implemented, tested and used on its own: the alerting
/// core writes the log, people annotate it, the dispatcher drains the queue, the API and the CLI read the log and
/// the health. A store implements all four on one database, because an incident change and the notifications it queues are written
/// in one transaction. Every implementation must pass the same contract tests (`Tests/VedettaIncidentsTests`,
/// the suites named "Incident store contract", run once per ``StoreBackend`` there).
public typealias IncidentStore = IncidentLog & IncidentRecords & OutboxQueue & EscalationLog & StoreHealth
