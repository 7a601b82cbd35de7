public import CurlKit
public import Foundation
public import VedettaConfig

/// Builds the notifiers of the people-facing channels: e-mail, Slack-compatible webhooks, Teams workflows,
/// Telegram chats and SMS gateways, all on the agent's libcurl engine, with the agent's clock for messages that
/// name none.
public struct PeopleChannelFactory: ChannelFactory {
    /// The kind's key.
    public let key: String
    private let engine: CurlEngine
    private let defaultZone: TimeZone

    /// The factories of every such kind.
    public static func all(engine: CurlEngine, defaultZone: TimeZone) -> [PeopleChannelFactory] {
        ["email", "slack", "teams", "telegram", "sms"].map {
            PeopleChannelFactory(key: $0, engine: engine, defaultZone: defaultZone)
        }
    }

    /// Creates the factory of kind `key`.
    public init(key: String, engine: CurlEngine, defaultZone: TimeZone) {
        self.key = key
        self.engine = engine
        self.defaultZone = defaultZone
    }

    /// The notifier of `channel`, when it is of this factory's kind.
    public func makeNotifier(for channel: ChannelConfiguration) -> (any Notifier)? {
        switch channel.settings {
        case let email as EmailChannelConfiguration where key == "email":
            EmailNotifier(configuration: email, text: email.fields.text(defaultZone: defaultZone), engine: engine)
        case let chat as ChatWebhookConfiguration where key == chat.vendor.rawValue:
            ChatWebhookNotifier(configuration: chat, text: chat.fields.text(defaultZone: defaultZone), engine: engine)
        case let telegram as TelegramChannelConfiguration where key == "telegram":
            TelegramNotifier(
                configuration: telegram, text: telegram.fields.text(defaultZone: defaultZone), engine: engine)
        case let sms as SMSChannelConfiguration where key == "sms":
            SMSNotifier(configuration: sms, text: sms.fields.text(defaultZone: defaultZone), engine: engine)
        default:
            nil
        }
    }
}
