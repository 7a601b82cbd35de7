import CurlKit
import VedettaConfig
import VedettaCore
import VedettaNotify

/// The notification channels built into Vedetta, listed explicitly.
enum BuiltinChannels {
    /// One notifier per configured channel.
    static func make(for configuration: VedettaConfiguration, curlEngine: CurlEngine) -> [any Notifier] {
        configuration.webhooks.map { webhook in
            WebhookNotifier(
                configuration: WebhookNotifier.Configuration(
                    name: webhook.name,
                    url: webhook.url,
                    timeout: webhook.timeout,
                    headers: webhook.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value.reveal()) }
                ),
                engine: curlEngine
            )
        }
    }
}
