/// A notification to queue in the same transaction as an incident change: which channel, about which event, and
/// for a page of an escalation, to whom.
///
/// The outbox stores only this reference; the dispatcher renders the message from the incident when it delivers.
public struct OutboxDraft: Sendable, Hashable {
    /// The configured channel name, e.g. `ops-webhook`.
    public var channel: String
    /// The incident event to notify about: ``IncidentEvent/Kind/opened`` or ``IncidentEvent/Kind/restored``.
    public var event: IncidentEvent.Kind
    /// The person the channel reaches (their e-mail address, phone, chat), for the pages of an escalation; `nil`
    /// for the channel's own addressees.
    public var recipient: String?
    /// Which step of the escalation pages, from 1 (repeats counted on: the first step of the second round of a
    /// two-step policy is 3); 0 outside escalations. The same person paged again by a later step or round is a new
    /// notification, not a duplicate; the notifications of an escalation's restoration carry 1.
    public var step: Int
    /// Where the page goes too when it fails: the channel, after how many failed attempts (an escalation step's
    /// `fallback:`); `nil` for none.
    public var fallback: OutboxFallback?

    /// Creates an outbox draft.
    ///
    /// - Parameters:
    ///   - channel: The configured channel name.
    ///   - event: The incident event to notify about.
    ///   - recipient: The person to reach through the channel; `nil` for its own addressees.
    ///   - step: The escalation step that pages, from 1; 0 outside escalations.
    ///   - fallback: Where the page goes too when it fails.
    public init(
        channel: String, event: IncidentEvent.Kind, recipient: String? = nil, step: Int = 0,
        fallback: OutboxFallback? = nil
    ) {
        self.channel = channel
        self.event = event
        self.recipient = recipient
        self.step = step
        self.fallback = fallback
    }

    /// One draft per channel, all about `event`: what to pass when every configured channel must hear of it.
    ///
    /// - Parameters:
    ///   - channels: The configured channel names.
    ///   - event: The incident event to notify about.
    /// - Returns: The drafts, in the order of `channels`.
    public static func fanOut(to channels: [String], event: IncidentEvent.Kind) -> [OutboxDraft] {
        channels.map { OutboxDraft(channel: $0, event: event) }
    }
}

/// The fallback of a page: when it has failed `afterFailures` times through its channel, or was given up, the same
/// notification is queued once for the same recipient through `channel`, in the transaction that records the failure.
public struct OutboxFallback: Sendable, Hashable {
    /// The channel to page through instead.
    public var channel: String
    /// After how many failed attempts (at least 1).
    public var afterFailures: Int

    /// Creates a fallback.
    public init(channel: String, afterFailures: Int) {
        self.channel = channel
        self.afterFailures = max(afterFailures, 1)
    }
}
