public import Logging

/// A notification channel: delivers one message to one destination (a webhook, a mailbox, a chat room).
public protocol Notifier: Sendable {
    /// The channel kind, for logs and metrics.
    var kind: ChannelKind { get }
    /// The channel name from the configuration; outbox entries refer to it.
    var name: String { get }

    /// Delivers `message` once.
    /// - Parameters:
    ///   - message: What to say.
    ///   - logger: A logger carrying `incident.id` and `channel.name`.
    /// - Throws: `DeliveryError`; ``DeliveryError/isRetryable`` says whether trying again may help.
    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError)
}

/// The kind of a channel. An open set: new channels are new static members.
public struct ChannelKind: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The kind name.
    public let rawValue: String
    /// Creates a kind.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// An HTTP POST of a JSON document.
    public static let webhook = ChannelKind(rawValue: "webhook")
    /// The kind name.
    public var description: String { rawValue }
}

/// A delivery failed.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    /// The channel that failed.
    public var channel: String
    /// What happened, e.g. `HTTP 503 from http://…` or `connection refused`.
    public var message: String
    /// Whether a later attempt may succeed (timeouts, 5xx, 429, connection errors).
    public var isRetryable: Bool

    /// Creates an error.
    public init(channel: String, message: String, isRetryable: Bool) {
        self.channel = channel
        self.message = message
        self.isRetryable = isRetryable
    }

    /// `channel: message`.
    public var description: String { "\(channel): \(message)" }
}
