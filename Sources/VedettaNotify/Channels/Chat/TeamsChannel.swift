public import CurlKit
import Foundation
public import Logging
public import VedettaConfig
import VedettaCore
import VedettaIncidents

/// A Microsoft Teams channel through a Workflows webhook (`notify.teams[]`): the message is an Adaptive Card.
public struct TeamsChannelConfiguration: ChannelSettings {
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// The workflow's HTTP trigger URL; it holds a signature, so it is never logged.
    public var url: String

    /// The channel name.
    public var name: String { fields.name }
}

/// Reads `notify.teams[]`.
public struct TeamsChannelReader: ChannelReader {
    /// `teams`.
    public let key = "teams"
    /// `Teams workflow`.
    public let noun = "Teams workflow"

    /// Creates the reader.
    public init() {}

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        guard let mapping = reader.mapping(keys: ChannelFields.keys + ["url"]) else { return nil }
        let fields = ChannelFields.read(mapping)
        let url = mapping.required("url")?.httpURL()
        guard let fields, let url else { return nil }
        return TeamsChannelConfiguration(fields: fields, url: url)
    }
}

/// Posts Adaptive Cards to a Teams workflow.
struct TeamsNotifier: Notifier {
    let configuration: TeamsChannelConfiguration
    let text: MessageText
    let engine: CurlEngine

    var kind: ChannelKind { ChannelKind(rawValue: "teams") }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        let request = HTTPRequest(
            url: configuration.url, method: "POST",
            headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: Self.document(message, text: text), timeout: configuration.fields.timeout)
        try await HTTPDelivery.send(
            request, channel: name, shownURL: ChannelURL.withoutPath(configuration.url), engine: engine, logger: logger)
    }

    /// `{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
    /// "content": {AdaptiveCard 1.4: title, description, FactSet}}]}`.
    static func document(_ message: NotificationMessage, text: MessageText) -> [UInt8] {
        let restored = message.event == .restored || message.event == .settled
        var body: [[String: Any]] = [
            [
                "type": "TextBlock", "text": text.title(message), "weight": "Bolder", "size": "Medium", "wrap": true,
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
