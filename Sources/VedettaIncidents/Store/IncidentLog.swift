public import Foundation
public import VedettaCore

/// The durable incident log: incidents, their timelines, and the notifications each change queues.
///
/// Every method is one transaction. ``open(_:at:notify:)`` and ``restore(fingerprint:at:notify:)`` write the
/// incident change and the notifications it causes together, so after a crash either both exist or neither does
/// (the transactional outbox; ``OutboxQueue`` delivers them). Both are idempotent: opening an alert series that
/// already has an open incident, or restoring one that has none, writes nothing.
///
/// Times are wall-clock `Date`s passed in by the caller; stores keep them to the millisecond.
public protocol IncidentLog: Sendable {
    /// Opens an incident for `draft`, unless one with the same fingerprint is already open.
    ///
    /// A new incident is written with an `opened` timeline event and one pending outbox entry per draft in
    /// `notify` (duplicates in `notify` are queued once), all in one transaction.
    ///
    /// - Parameters:
    ///   - draft: The alert series that fired.
    ///   - at: When the alert fired (becomes ``Incident/detectedAt``).
    ///   - notify: The notifications to queue: `opened` for every channel the alert is routed to, or none when
    ///     it is muted.
    ///   - escalation: The escalation to start with the incident (its first step due at `at` plus the group
    ///     wait), or to join when its group is active; `nil` for none (and when the alert is muted).
    /// - Returns: ``IncidentOpening/created(_:)`` with the new incident, or ``IncidentOpening/alreadyOpen(_:)`` with
    ///   the open one, in which case nothing was written.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func open(_ draft: IncidentDraft, at: Date, notify: [OutboxDraft], escalation: EscalationStart?)
        async throws(StoreError) -> IncidentOpening

    /// Queues notifications for the open incident with `fingerprint`, for an alert that pages after it opened
    /// (its mute ended while it still fires). Drafts already queued for the incident are skipped, so this never
    /// pages twice.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When the notifications are queued.
    ///   - notify: The notifications to queue, usually `opened` for the routed channels.
    ///   - detail: Why they are queued now, for the timeline (e.g. `maintenance window 12 ended`); no event is
    ///     written when every draft was already queued and no escalation started.
    ///   - escalation: The escalation to start (or group to join), unless the incident has one.
    /// - Returns: The open incident, or `nil` when none is open for `fingerprint` (nothing written).
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func notifyOpenIncident(
        fingerprint: String, at: Date, notify: [OutboxDraft], detail: String, escalation: EscalationStart?
    )
        async throws(StoreError) -> Incident?

    /// Adds an event of the agent's to the open incident with `fingerprint` (``IncidentEvent/Kind/flapping``,
    /// ``IncidentEvent/Kind/settled``) and queues the drafts of `notify` whose channel was told of the opening, in
    /// one transaction; a draft already queued for the incident (channel and event) is skipped.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When.
    ///   - kind: The event.
    ///   - detail: What it means, for the timeline.
    ///   - notify: The notifications to queue, usually `kind` for every channel the alert is routed to.
    /// - Returns: The open incident, or `nil` when none is open for `fingerprint` (nothing written).
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func recordEvent(fingerprint: String, at: Date, kind: IncidentEvent.Kind, detail: String, notify: [OutboxDraft])
        async throws(StoreError) -> Incident?

    /// Records on the open incident with `fingerprint` that its alert was muted, and why, so that reports and the
    /// console can say why nobody was paged.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series.
    ///   - at: When.
    ///   - reason: Why the alert may not page, e.g. `maintenance window 12 (firmware upgrade)`.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func recordMute(fingerprint: String, at: Date, reason: String) async throws(StoreError)

    /// Restores the open incident with `fingerprint`, if there is one.
    ///
    /// Sets ``Incident/restoredAt`` (never before the detection time), adds a `restored` timeline event and queues
    /// the drafts of `notify` whose channel was told of the opening (it has an `opened` notification for the
    /// incident, pending, delivered or abandoned), in one transaction: a channel never hears of a restoration whose
    /// opening it was not told of, such as that of a muted alert. Everyone an escalation paged hears of it too,
    /// through each channel that paged them, and the escalation stops, once every incident of its group is restored.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series that cleared.
    ///   - at: When it cleared.
    ///   - notify: The notifications to queue, usually `restored` for every channel the alert is routed to.
    /// - Returns: The restored incident, or `nil` when no incident with `fingerprint` was open (nothing written).
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func restore(fingerprint: String, at: Date, notify: [OutboxDraft]) async throws(StoreError) -> Incident?

    /// Records that `by` acknowledged incident `id`. Acknowledging twice keeps the first acknowledgement and
    /// says so. In the same transaction the incident's escalation stops, and its pages that no channel has taken
    /// yet (pending, unclaimed) are withdrawn: nobody is paged after the acknowledgement is stored.
    ///
    /// - Parameters:
    ///   - id: The incident.
    ///   - by: Who acknowledged it.
    ///   - at: When (never before the detection time).
    /// - Returns: ``IncidentAcknowledgement/recorded(_:)`` with the incident after the change, or
    ///   ``IncidentAcknowledgement/alreadyAcknowledged(_:)`` with the incident as it was (who acknowledged it
    ///   first, and when), in which case nothing was written.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown incident, `invalidTransition` for a restored
    ///   one, or a database error.
    func acknowledge(id: Int64, by: String, at: Date) async throws(StoreError) -> IncidentAcknowledgement

    /// Returns incident `id` with its timeline.
    ///
    /// - Parameter id: The incident.
    /// - Returns: The incident, or `nil` if there is none with that identifier.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func incident(id: Int64) async throws(StoreError) -> Incident?

    /// Returns every incident that is not restored (open or acknowledged), oldest first. The agent calls this at
    /// startup so that a still-firing alert finds its incident instead of opening a second one.
    ///
    /// - Returns: The open incidents with their timelines.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func openIncidents() async throws(StoreError) -> [Incident]

    /// Returns the incidents that match `query`, newest first, at most `query.limit`.
    ///
    /// - Parameter query: The filters.
    /// - Returns: The incidents with their timelines.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func incidents(matching query: IncidentQuery) async throws(StoreError) -> [Incident]
}

extension IncidentLog {
    /// Opens an incident without an escalation; see ``open(_:at:notify:escalation:)``.
    public func open(_ draft: IncidentDraft, at: Date, notify: [OutboxDraft]) async throws(StoreError)
        -> IncidentOpening
    {
        try await open(draft, at: at, notify: notify, escalation: nil)
    }

    /// Queues late notifications without an escalation; see
    /// ``notifyOpenIncident(fingerprint:at:notify:detail:escalation:)``.
    public func notifyOpenIncident(fingerprint: String, at: Date, notify: [OutboxDraft], detail: String)
        async throws(StoreError) -> Incident?
    {
        try await notifyOpenIncident(fingerprint: fingerprint, at: at, notify: notify, detail: detail, escalation: nil)
    }
}
