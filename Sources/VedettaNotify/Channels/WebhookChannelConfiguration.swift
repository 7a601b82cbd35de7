public import VedettaConfig
public import VedettaCore

/// A webhook channel as configured (`notify.webhooks[]`): a JSON POST when an incident opens or is restored.
public struct WebhookChannelConfiguration: ChannelSettings {
    /// Channel name, unique among all channels; appears in logs, metrics and timelines.
    public var name: String
    /// Where to POST.
    public var url: String
    /// Per-attempt timeout (`timeout`, default `10s`, at most ``maximumTimeout``).
    public var timeout: Duration
    /// Extra HTTP headers (e.g. an `Authorization` token); values are secrets.
    public var headers: [String: Secret]
    /// The document posted (`format`, default `vedetta`).
    public var format: WebhookFormat

    /// The longest per-attempt timeout: an attempt must end well within the outbox claim's lease (5 minutes), so
    /// that no other dispatcher takes over a delivery still in progress.
    public static let maximumTimeout = Duration.seconds(120)

    /// Creates a webhook channel.
    public init(
        name: String, url: String, timeout: Duration = .seconds(10), headers: [String: Secret] = [:],
        format: WebhookFormat = .vedetta
    ) {
        self.name = name
        self.url = url
        self.timeout = timeout
        self.headers = headers
        self.format = format
    }
}

/// Reads `notify.webhooks[]`.
public struct WebhookChannelReader: ChannelReader {
    static let keys = ["name", "url", "timeout", "headers", "format"]

    /// `webhooks`.
    public let key = "webhooks"
    /// `webhook`.
    public let noun = "webhook"

    /// Creates the reader.
    public init() {}

    /// Reads one webhook.
    /// - Parameter reader: The webhook's mapping.
    /// - Returns: The settings, or `nil` when a problem was reported.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        guard let mapping = reader.mapping(keys: Self.keys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "channel name")
        let url = mapping.required("url")?.httpURL()
        let timeout = ChannelFields.readTimeout(mapping)
        let headersReader = mapping.optional("headers")
        let headers = headersReader.map { HeaderReader.read($0) } ?? []
        let format = mapping.optional("format").map { $0.choice("webhook format", of: WebhookFormat.self) }
        guard let name, let url, let timeout, let headers, format != .some(nil) else { return nil }
        let secrets = Dictionary(headers.map { ($0.name, Secret($0.value)) }) { _, last in last }
        return WebhookChannelConfiguration(
            name: name, url: url, timeout: timeout, headers: secrets, format: (format ?? nil) ?? .vedetta)
    }
}

/// The document a webhook posts.
public enum WebhookFormat: String, Sendable, CaseIterable {
    /// Vedetta's own document, version 1 (``NotificationMessage/jsonDocument()``).
    case vedetta
    /// Alertmanager's webhook document, version 4, so receivers written for Alertmanager work unchanged.
    case alertmanager
}
