import CurlKit
import Foundation
import Logging
public import VedettaConfig
import VedettaCore
import VedettaIncidents

/// A chat room reached through an incoming webhook: the URL is the destination and the document is the vendor's.
///
/// - `notify.slack[]`: Slack, Mattermost and Rocket.Chat all take the same document, a `text` with one coloured
///   attachment holding the description and the facts.
/// - `notify.teams[]`: a Microsoft Teams channel through a Workflows webhook; the message is an Adaptive Card.
public struct ChatWebhookConfiguration: ChannelSettings {
    /// Which vendor's document is posted.
    public enum Vendor: String, Sendable, CaseIterable {
        /// Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat).
        case slack
        /// Microsoft Teams Workflows webhooks.
        case teams
    }

    /// The vendor.
    public var vendor: Vendor
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// The webhook URL; it holds a secret token or signature, so it is never logged.
    public var url: String

    /// The channel name.
    public var name: String { fields.name }
}

/// Reads `notify.slack[]` or `notify.teams[]`.
public struct ChatWebhookReader: ChannelReader {
    /// The vendor whose list this reads.
    public let vendor: ChatWebhookConfiguration.Vendor

    /// `slack` or `teams`.
    public var key: String { vendor.rawValue }
    /// `Slack-compatible webhook` or `Teams workflow`.
    public var noun: String { vendor == .slack ? "Slack-compatible webhook" : "Teams workflow" }

    /// Creates the reader of `vendor`'s list.
    public init(_ vendor: ChatWebhookConfiguration.Vendor) {
        self.vendor = vendor
    }

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        guard let mapping = reader.mapping(keys: ChannelFields.keys + ["url"]) else { return nil }
        let fields = ChannelFields.read(mapping)
        let url = mapping.required("url")?.httpURL()
        guard let fields, let url else { return nil }
        return ChatWebhookConfiguration(vendor: vendor, fields: fields, url: url)
    }
}

/// Posts the vendor's document to the webhook.
struct ChatWebhookNotifier: Notifier {
    let configuration: ChatWebhookConfiguration
    let text: MessageText
    let engine: CurlEngine

    var kind: ChannelKind { ChannelKind(rawValue: configuration.vendor.rawValue) }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        let body =
            switch configuration.vendor {
            case .slack: Self.slackDocument(message, text: text)
            case .teams: Self.teamsDocument(message, text: text)
            }
        let request = HTTPRequest(
            url: configuration.url, method: "POST",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")], body: body,
            timeout: configuration.fields.timeout)
        try await HTTPDelivery.send(
            request, channel: name, shownURL: ChannelURL.withoutPath(configuration.url), engine: engine, logger: logger)
    }

    /// `{"text": title, "attachments": [{"color", "title", "text", "fields": [{"title", "value", "short"}],
    /// "footer", "ts"}]}`.
    static func slackDocument(_ message: NotificationMessage, text: MessageText) -> [UInt8] {
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
        return JSONBody.encode(["text": text.mention(message) + text.title(message), "attachments": [attachment]])
    }

    /// `{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
    /// "content": {AdaptiveCard 1.4: title, description, FactSet}}]}`.
    static func teamsDocument(_ message: NotificationMessage, text: MessageText) -> [UInt8] {
        let restored = message.event == .restored || message.event == .settled
        var body: [[String: Any]] = [
            [
                "type": "TextBlock", "text": text.mention(message) + text.title(message), "weight": "Bolder",
                "size": "Medium", "wrap": true,
                "color": restored ? "Good" : message.incident.severity == .critical ? "Attention" : "Warning",
            ]
        ]
        if !text.details(message).isEmpty {
            body.append(["type": "TextBlock", "text": text.details(message), "wrap": true])
        }
        body.append(["type": "FactSet", "facts": text.facts(message).map { ["title": $0.name, "value": $0.value] }])
        let card: [String: Any] = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
            "version": "1.4", "body": body,
        ]
        return JSONBody.encode([
            "type": "message",
            "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "content": card]],
        ])
    }
}
