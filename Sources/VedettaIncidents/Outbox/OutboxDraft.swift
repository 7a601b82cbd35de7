/// A notification to queue in the same transaction as an incident change: which channel, about which event.
///
/// The outbox stores only this reference; the dispatcher renders the message from the incident when it delivers.
public struct OutboxDraft: Sendable, Hashable {
    /// The configured channel name, e.g. `ops-webhook`.
    public var channel: String
    /// The incident event to notify about: ``IncidentEvent/Kind/opened`` or ``IncidentEvent/Kind/restored``.
    public var event: IncidentEvent.Kind

    /// Creates an outbox draft.
    ///
    /// - Parameters:
    ///   - channel: The configured channel name.
    ///   - event: The incident event to notify about.
    public init(channel: String, event: IncidentEvent.Kind) {
        self.channel = channel
        self.event = event
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
