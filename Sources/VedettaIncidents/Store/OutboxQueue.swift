public import Foundation
public import VedettaCore

/// The notifications waiting to be delivered, as a work queue that several dispatchers (several agent processes on
/// one database) can drain without sending anything twice, and in order.
///
/// - **In order**: the notifications of one incident to one channel form a chain, delivered in the order they
///   were queued. Only the oldest undelivered entry of a chain is ever due, so a receiver never hears RESTORED
///   before OPENED, even when the first attempt of OPENED failed; a later entry waits until the earlier one is
///   delivered or abandoned.
/// - **Claimed**: ``claimDue(by:at:lease:limit:)`` hands out due entries with a lease (an owner and an expiry),
///   in one transaction. An entry claimed by one dispatcher is not handed to another until the lease expires, and
///   only the claim's owner can settle it; a dispatcher that died mid-delivery leaves a claim that expires, and
///   the entry is delivered by whoever claims it next.
public protocol OutboxQueue: Sendable {
    /// Claims up to `limit` due entries for `owner`, oldest first: undelivered, not abandoned, due at `at`, under
    /// no running lease (not even `owner`'s own: an entry whose settlement failed waits for its lease to expire
    /// rather than being delivered again at once), and the oldest undelivered entry of their (incident, channel)
    /// chain.
    ///
    /// - Parameters:
    ///   - owner: Who delivers them (unique per dispatcher, e.g. host, process and a random part).
    ///   - at: The current time.
    ///   - lease: How long the claim holds; longer than one delivery attempt can take.
    ///   - limit: The most entries to claim.
    /// - Returns: The claimed entries.
    /// - Throws: ``StoreError`` when the database cannot be read or written.
    func claimDue(by owner: String, at: Date, lease: Duration, limit: Int) async throws(StoreError) -> [OutboxEntry]

    /// Returns the entries that are due at `at`, as ``claimDue(by:at:lease:limit:)`` would hand them out to a new
    /// owner, without claiming them (for inspection and health).
    ///
    /// - Parameters:
    ///   - at: The current time.
    ///   - limit: The maximum number of entries.
    /// - Returns: The due entries, oldest first.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func dueNotifications(at: Date, limit: Int) async throws(StoreError) -> [OutboxEntry]

    /// Marks entry `id` delivered and adds a `notified` event, naming the channel, to its incident's timeline.
    /// Marking an entry that is already delivered does nothing.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim under which it was delivered.
    ///   - at: When it was delivered.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, `conflict` when another owner holds the
    ///   claim now (the lease expired during the delivery), or a database error.
    func markDelivered(_ id: Int64, by owner: String, at: Date) async throws(StoreError)

    /// Records a failed delivery of entry `id`: increments its attempts, keeps the error, schedules the next
    /// attempt at `retryAt`, releases the claim, and adds a `notification_failed` event to its incident's
    /// timeline. When the entry has a fallback (``OutboxFallback``) and this is its `afterFailures`-th failure, the
    /// same notification is queued through the fallback channel in the same transaction, once. Does nothing for an
    /// entry that is already delivered or abandoned.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim under which it was attempted.
    ///   - at: When the attempt failed.
    ///   - error: Why it failed, for the timeline and the operator.
    ///   - retryAt: The earliest time of the next attempt.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, `conflict` when another owner holds the
    ///   claim now, or a database error.
    func markFailed(_ id: Int64, by owner: String, at: Date, error: String, retryAt: Date) async throws(StoreError)

    /// Gives up on entry `id`: it is never due again and no longer pending, the next entry of its chain becomes
    /// due, and the incident's timeline records why; its fallback, if it has one, is queued at once. Does nothing
    /// on an entry that was delivered or already abandoned.
    ///
    /// - Parameters:
    ///   - id: The outbox entry.
    ///   - owner: The owner of the claim under which it was attempted.
    ///   - at: When the dispatcher gave up.
    ///   - reason: Why, for the timeline and the operator.
    /// - Throws: ``StoreError`` with code `notFound` for an unknown entry, `conflict` when another owner holds the
    ///   claim now, or a database error.
    func abandon(_ id: Int64, by owner: String, at: Date, reason: String) async throws(StoreError)

    /// Returns the number of outbox entries still to deliver, due or not (not delivered, not abandoned).
    ///
    /// - Returns: The count.
    /// - Throws: ``StoreError`` when the database cannot be read.
    func pendingNotificationCount() async throws(StoreError) -> Int
}
