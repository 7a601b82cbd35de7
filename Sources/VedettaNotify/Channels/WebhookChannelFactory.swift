public import CurlKit
public import VedettaConfig
import VedettaCore

/// Builds a ``WebhookNotifier`` for each `notify.webhooks[]` entry.
public struct WebhookChannelFactory: ChannelFactory {
    /// `webhooks`.
    public let key = "webhooks"
    private let engine: CurlEngine

    /// Creates the factory.
    /// - Parameter engine: The curl engine every webhook shares.
    public init(engine: CurlEngine) {
        self.engine = engine
    }

    /// The webhook notifier of `channel`.
    public func makeNotifier(for channel: ChannelConfiguration) -> (any Notifier)? {
        guard let webhook = channel.settings as? WebhookChannelConfiguration else { return nil }
        return WebhookNotifier(
            configuration: WebhookNotifier.Configuration(
                name: webhook.name,
                url: webhook.url,
                timeout: webhook.timeout,
                headers: webhook.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value.reveal()) },
                format: webhook.format
            ),
            engine: engine
        )
    }
}
