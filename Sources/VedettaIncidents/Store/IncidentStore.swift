/// Everything the agent stores about incidents: the ``IncidentLog`` and its ``OutboxQueue``.
///
/// The two jobs are separate protocols so that each can be implemented, tested and used on its own: the alerting
/// core writes the log, the dispatcher drains the queue, the API and the CLI read the log. A store implements
/// both on one database, because an incident change and the notifications it queues are written in one
/// transaction. Every implementation must pass the same contract tests (`Tests/VedettaIncidentsTests`).
public typealias IncidentStore = IncidentLog & OutboxQueue
