public import CurlKit
import Foundation
public import Logging
public import VedettaConfig
import VedettaIncidents

/// A Slack-compatible incoming webhook (`notify.slack[]`): Slack, Mattermost and Rocket.Chat all take the same
/// document, a `text` with one coloured attachment holding the description and the facts.
public struct SlackChannelConfiguration: ChannelSettings {
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// The incoming webhook URL; it holds a secret token, so it is never logged.
    public var url: String

    /// The channel name.
    public var name: String { fields.name }
}

/// Reads `notify.slack[]`.
public struct SlackChannelReader: ChannelReader {
    /// `slack`.
    public let key = "slack"
    /// `Slack-compatible webhook`.
    public let noun = "Slack-compatible webhook"

    /// Creates the reader.
    public init() {}

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        guard let mapping = reader.mapping(keys: ChannelFields.keys + ["url"]) else { return nil }
        let fields = ChannelFields.read(mapping)
        let url = mapping.required("url")?.httpURL()
        guard let fields, let url else { return nil }
        return SlackChannelConfiguration(fields: fields, url: url)
    }
}

/// Posts Slack-compatible messages.
struct SlackNotifier: Notifier {
    let configuration: SlackChannelConfiguration
    let text: MessageText
    let engine: CurlEngine

    var kind: ChannelKind { ChannelKind(rawValue: "slack") }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        let request = HTTPRequest(
            url: configuration.url, method: "POST",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: Self.document(message, text: text), timeout: configuration.fields.timeout)
        try await HTTPDelivery.send(
            request, channel: name, shownURL: ChannelURL.withoutPath(configuration.url), engine: engine, logger: logger)
    }

    /// `{"text": title, "attachments": [{"color", "title", "text", "fields": [{"title", "value", "short"}],
    /// "footer", "ts"}]}`.
    static func document(_ message: NotificationMessage, text: MessageText) -> [UInt8] {
        let attachment: [String: Any] = [
            "color": text.color(message),
            "title": text.title(message),
            "text": text.details(message),
            "fields": text.facts(message).map {
                ["title": $0.name, "value": $0.value, "short": true] as [String: Any]
            },
            "footer": "Vedetta",
            "ts": Int(message.sentAt.timeIntervalSince1970),
        ]
        return JSONBody.encode(["text": text.title(message), "attachments": [attachment]])
    }
}
