public import CurlKit
public import Foundation
public import VedettaConfig
public import VedettaOnCall

/// Builds the notifiers of the people-facing channels: e-mail, Slack-compatible webhooks, Teams workflows,
/// Telegram chats and SMS gateways, all on the agent's libcurl engine, with the agent's clock for messages that
/// name none.
public struct PeopleChannelFactory: ChannelFactory {
    /// The kind's key.
    public let key: String
    private let engine: CurlEngine
    private let defaultZone: TimeZone
    private let oncall: OnCallDesk?

    /// The factories of every such kind.
    /// - Parameters:
    ///   - engine: The agent's libcurl engine.
    ///   - defaultZone: The clock of messages whose channel names none.
    ///   - oncall: Who is on call, for channels with `oncall:`.
    public static func all(engine: CurlEngine, defaultZone: TimeZone, oncall: OnCallDesk? = nil)
        -> [PeopleChannelFactory]
    {
        ["email", "slack", "teams", "telegram", "sms"].map {
            PeopleChannelFactory(key: $0, engine: engine, defaultZone: defaultZone, oncall: oncall)
        }
    }

    /// Creates the factory of kind `key`.
    public init(key: String, engine: CurlEngine, defaultZone: TimeZone, oncall: OnCallDesk? = nil) {
        self.key = key
        self.engine = engine
        self.defaultZone = defaultZone
        self.oncall = oncall
    }

    /// The notifier of `channel`, when it is of this factory's kind.
    public func makeNotifier(for channel: ChannelConfiguration) -> (any Notifier)? {
        switch channel.settings {
        case let email as EmailChannelConfiguration where key == "email":
            EmailNotifier(
                configuration: email, text: email.fields.text(defaultZone: defaultZone), engine: engine, desk: oncall)
        case let chat as ChatWebhookConfiguration where key == chat.vendor.rawValue:
            ChatWebhookNotifier(configuration: chat, text: chat.fields.text(defaultZone: defaultZone), engine: engine)
        case let telegram as TelegramChannelConfiguration where key == "telegram":
            TelegramNotifier(
                configuration: telegram, text: telegram.fields.text(defaultZone: defaultZone), engine: engine)
        case let sms as SMSChannelConfiguration where key == "sms":
            SMSNotifier(
                configuration: sms, text: sms.fields.text(defaultZone: defaultZone), engine: engine, desk: oncall)
        default:
            nil
        }
    }
}
