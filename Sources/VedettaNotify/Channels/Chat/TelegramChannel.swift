import CurlKit
import Foundation
import Logging
public import VedettaConfig
public import VedettaCore
import VedettaIncidents

/// A Telegram chat, through the Bot API's `sendMessage` (`notify.telegram[]`).
public struct TelegramChannelConfiguration: ChannelSettings {
    /// Name, timeout, language and clock.
    public var fields: ChannelFields
    /// The bot's token from BotFather; never logged.
    public var botToken: Secret
    /// The chat: a numeric id (a group's is negative) or `@channelname`.
    public var chatID: String
    /// The Bot API's base URL (`api_url`, default `https://api.telegram.org`; a local Bot API server or a test
    /// receiver otherwise).
    public var apiURL: String

    /// The channel name.
    public var name: String { fields.name }
}

/// Reads `notify.telegram[]`.
public struct TelegramChannelReader: ChannelReader {
    /// `telegram`.
    public let key = "telegram"
    /// `Telegram chat`.
    public let noun = "Telegram chat"

    /// Creates the reader.
    public init() {}

    /// Reads one channel.
    public func readChannel(_ reader: NodeReader) -> (any ChannelSettings)? {
        guard let mapping = reader.mapping(keys: ChannelFields.keys + ["bot_token", "chat_id", "api_url"]) else {
            return nil
        }
        let fields = ChannelFields.read(mapping)
        let token = mapping.required("bot_token")?.nonEmptyString()
        let chat = mapping.required("chat_id").flatMap { reader -> String? in
            guard let text = reader.nonEmptyString() else { return nil }
            guard Int64(text) != nil || (text.hasPrefix("@") && text.count > 1) else {
                reader.report(
                    "invalid chat_id \"\(text)\"; use the chat's number (e.g. -1001234567890) or @channelname")
                return nil
            }
            return text
        }
        let api = mapping.optional("api_url").map { $0.httpURL() } ?? "https://api.telegram.org"
        guard let fields, let token, let chat, let api else { return nil }
        let base = api.hasSuffix("/") ? String(api.dropLast()) : api
        return TelegramChannelConfiguration(fields: fields, botToken: Secret(token), chatID: chat, apiURL: base)
    }
}

/// Sends Telegram messages in HTML parse mode.
struct TelegramNotifier: Notifier {
    let configuration: TelegramChannelConfiguration
    let text: MessageText
    let engine: CurlEngine

    var kind: ChannelKind { ChannelKind(rawValue: "telegram") }
    var name: String { configuration.name }

    func deliver(_ message: NotificationMessage, logger: Logger) async throws(DeliveryError) {
        let url = "\(configuration.apiURL)/bot\(configuration.botToken.reveal())/sendMessage"
        let body = JSONBody.encode([
            "chat_id": Int64(configuration.chatID).map { $0 as Any } ?? configuration.chatID,
            "text": Self.html(message, text: text), "parse_mode": "HTML", "disable_web_page_preview": true,
        ])
        let request = HTTPRequest(
            url: url, method: "POST", headers: [HTTPHeader(name: "Content-Type", value: "application/json")],
            body: body, timeout: configuration.fields.timeout)
        try await HTTPDelivery.send(
            request, channel: name, shownURL: "\(configuration.apiURL)/bot<token>/sendMessage", engine: engine,
            logger: logger, accepts: Self.refusal)
    }

    /// The title in bold, the description, then one line per fact; `&`, `<` and `>` escaped as the Bot API asks.
    static func html(_ message: NotificationMessage, text: MessageText) -> String {
        var lines = ["\(escape(text.mention(message)))<b>\(escape(text.title(message)))</b>"]
        if !text.details(message).isEmpty { lines.append(escape(text.details(message))) }
        lines.append(text.facts(message).map { "\(escape($0.name)): \(escape($0.value))" }.joined(separator: "\n"))
        return lines.joined(separator: "\n\n")
    }

    /// The Bot API answers `{"ok": true, …}`; anything else is its `description`.
    static func refusal(_ response: HTTPResponse) -> String? {
        let answer = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        if answer?["ok"] as? Bool == true { return nil }
        return answer?["description"] as? String ?? "no {\"ok\": true} in the answer"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
