public import Foundation

/// A queued notification: deliver `event` of incident `incidentID` to `channel`.
///
/// Entries are written in the same transaction as the incident change they announce, so a crash can never lose
/// one or leave one without its incident. The dispatcher reads due entries
/// (``OutboxQueue/claimDue(by:at:lease:limit:)``), delivers them, and marks each delivered or failed.
public struct OutboxEntry: Sendable, Hashable, Identifiable {
    /// The store-assigned identifier.
    public var id: Int64
    /// The incident the notification is about.
    public var incidentID: Int64
    /// The configured channel name.
    public var channel: String
    /// The incident event to notify about (`opened` or `restored`).
    public var event: IncidentEvent.Kind
    /// The person the channel reaches, for the pages of an escalation; `nil` for the channel's own addressees.
    public var recipient: String?
    /// The escalation step that paged, from 1; 0 outside escalations (see ``OutboxDraft/step``).
    public var step: Int
    /// Where the page goes too when it fails (see ``OutboxDraft/fallback``).
    public var fallback: OutboxFallback?
    /// When the entry was queued (the time of the incident change).
    public var createdAt: Date
    /// How many delivery attempts failed so far.
    public var attempts: Int
    /// The earliest time of the next delivery attempt.
    public var nextAttemptAt: Date
    /// The error of the last failed attempt.
    public var lastError: String?
    /// When the notification was delivered; `nil` while pending.
    public var deliveredAt: Date?
    /// When the dispatcher gave up on the entry (the receiver rejects it, or retries ran out); never retried.
    public var abandonedAt: Date?
    /// Who holds the delivery claim (see ``OutboxQueue``), if anyone.
    public var claimedBy: String?
    /// When the claim expires.
    public var claimExpiresAt: Date?

    /// Creates an outbox entry.
    ///
    /// - Parameters:
    ///   - id: The store-assigned identifier.
    ///   - incidentID: The incident the notification is about.
    ///   - channel: The configured channel name.
    ///   - event: The incident event to notify about.
    ///   - recipient: The person the channel reaches, if a page of an escalation.
    ///   - step: The escalation step that paged, from 1; 0 outside escalations.
    ///   - fallback: Where the page goes too when it fails.
    ///   - createdAt: When the entry was queued.
    ///   - attempts: How many delivery attempts failed so far.
    ///   - nextAttemptAt: The earliest time of the next attempt.
    ///   - lastError: The error of the last failed attempt.
    ///   - deliveredAt: When the notification was delivered.
    ///   - abandonedAt: When the dispatcher gave up on it.
    ///   - claimedBy: Who holds the delivery claim.
    ///   - claimExpiresAt: When the claim expires.
    public init(
        id: Int64,
        incidentID: Int64,
        channel: String,
        event: IncidentEvent.Kind,
        recipient: String? = nil,
        step: Int = 0,
        fallback: OutboxFallback? = nil,
        createdAt: Date,
        attempts: Int = 0,
        nextAttemptAt: Date,
        lastError: String? = nil,
        deliveredAt: Date? = nil,
        abandonedAt: Date? = nil,
        claimedBy: String? = nil,
        claimExpiresAt: Date? = nil
    ) {
        self.id = id
        self.incidentID = incidentID
        self.channel = channel
        self.event = event
        self.recipient = recipient
        self.step = step
        self.fallback = fallback
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.abandonedAt = abandonedAt
        self.claimedBy = claimedBy
        self.claimExpiresAt = claimExpiresAt
    }

    /// Whether the notification was delivered.
    public var isDelivered: Bool { deliveredAt != nil }
}
