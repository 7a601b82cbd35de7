public import Foundation

/// The durable incident log with its notification outbox.
///
/// Every method is one transaction. ``open(_:at:notify:)`` and ``restore(fingerprint:at:notify:)`` write the
/// incident change and the notifications it causes together, so after a crash either both exist or neither does
/// (the transactional outbox). Both are idempotent: opening an alert series that already has an open incident, or
/// restoring one that has none, writes nothing. A dispatcher then drains the outbox with
/// ``dueNotifications(at:limit:)``, ``markDelivered(_:at:)`` and ``markFailed(_:at:error:retryAt:)``.
///
/// Times are wall-clock `Date`s passed in by the caller; stores keep them to the millisecond.
public protocol IncidentStore: Sendable {
    /// Opens an incident for `draft`, unless one with the same fingerprint is already open.
    ///
    /// A new incident is written with an `opened` timeline event and one pending outbox entry per draft in
    /// `notify` (duplicates in `notify` are queued once), all in one transaction.
    ///
    /// - Parameters:
    ///   - draft: The alert series that fired.
    ///   - at: When the alert fired (becomes ``Incident/detectedAt``).
    ///   - notify: The notifications to queue, usually `opened` for every configured channel.
    /// - Returns: ``IncidentOpening/created(_:)`` with the new incident, or ``IncidentOpening/alreadyOpen(_:)`` with
    ///   the open one, in which case nothing was written.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func open(_ draft: IncidentDraft, at: Date, notify: [OutboxDraft]) async throws(StoreError) -> IncidentOpening

    /// Restores the open incident with `fingerprint`, if there is one.
    ///
    /// Sets ``Incident/restoredAt`` (never before the detection time), adds a `restored` timeline event and queues
    /// `notify`, in one transaction.
    ///
    /// - Parameters:
    ///   - fingerprint: The alert series that cleared.
    ///   - at: When it cleared.
    ///   - notify: The notifications to queue, usually `restored` for every configured channel.
    /// - Returns: The restored incident, or `nil` when no incident with `fingerprint` was open (nothing written).
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func restore(fingerprint: String, at: Date, notify: [OutboxDraft]) async throws(StoreError) -> Incident?

    /// Records that `by` acknowledged incident `id`. Acknowledging twice keeps the first acknowledgement and
    /// says so.
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

    /// Returns undelivered outbox entries whose next attempt is due at `at`, oldest first.
    ///
    /// - Parameters:
    ///   - at: The current time.
    ///   - limit: The maximum number of entries.
    /// - Returns: The due entries.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func dueNotifications(at: Date, limit: Int) async throws(StoreError) -> [OutboxEntry]

    /// Marks outbox entry `id` delivered and adds a `notified` event, naming the channel, to its incident's timeline.
    /// Marking an entry that is already delivered does nothing.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When it was delivered.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    func markDelivered(_ id: Int64, at: Date) async throws(StoreError)

    /// Records a failed delivery of outbox entry `id`: increments its attempts, keeps the error, schedules the next
    /// attempt at `retryAt`, and adds a `notificationFailed` event to its incident's timeline. Does nothing for an
    /// entry that is already delivered.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When the attempt failed.
    ///   - error: Why it failed, for the timeline and the operator.
    ///   - retryAt: The earliest time of the next attempt.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    func markFailed(_ id: Int64, at: Date, error: String, retryAt: Date) async throws(StoreError)

    /// Gives up on an outbox entry: it is never due again and no longer pending, and the incident's timeline
    /// records why. Does nothing on an entry that was delivered or already abandoned.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - at: When the dispatcher gave up.
    ///   - reason: Why, for the timeline and the operator.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, or a database error.
    func abandon(_ id: Int64, at: Date, reason: String) async throws(StoreError)

    /// Returns the number of outbox entries still to deliver, due or not (not delivered, not abandoned).
    ///
    /// - Returns: The count.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func pendingNotificationCount() async throws(StoreError) -> Int
}
