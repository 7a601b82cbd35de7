public import Foundation
import VedettaConfig
import VedettaCore

/// The settings every people-facing channel shares: its name, how long an attempt may take, and the language
/// and clock of its messages.
public struct ChannelFields: Sendable {
    /// The channel name, unique among all channels.
    public var name: String
    /// Per-attempt timeout (default 10 s, at most ``WebhookChannelConfiguration/maximumTimeout``).
    public var timeout: Duration
    /// The language of the messages (`language`, default `it`).
    public var language: MessageLanguage
    /// The clock of the times in messages (`time_zone`); `nil` for the agent's `time_zone`.
    public var zone: TimeZone?

    /// The keys these fields are read from.
    static let keys = ["name", "timeout", "language", "time_zone"]

    /// Creates the fields.
    public init(name: String, timeout: Duration = .seconds(10), language: MessageLanguage = .it, zone: TimeZone? = nil)
    {
        self.name = name
        self.timeout = timeout
        self.language = language
        self.zone = zone
    }

    /// Reads the shared keys of `mapping`; `nil` after reporting a problem.
    static func read(_ mapping: MappingReader) -> ChannelFields? {
        let name = mapping.required("name")?.name(.identifier, what: "channel name")
        let timeout = readTimeout(mapping)
        let language = mapping.optional("language").map { $0.choice("message language", of: MessageLanguage.self) }
        var zone: TimeZone??
        if let zoneReader = mapping.optional("time_zone"), let text = zoneReader.nonEmptyString() {
            zone = .some(TimeZone(identifier: text))
            if zone == .some(nil) {
                zoneReader.report("unknown time zone \"\(text)\"; use an IANA name such as Europe/Rome or UTC")
            }
        }
        guard let name, let timeout, language != .some(nil), zone != .some(nil) else { return nil }
        return ChannelFields(name: name, timeout: timeout, language: (language ?? nil) ?? .it, zone: zone ?? nil)
    }

    /// `timeout`: 10 s by default, at most ``WebhookChannelConfiguration/maximumTimeout``, so that an attempt
    /// ends well within the outbox claim's lease; `nil` after reporting a problem.
    static func readTimeout(_ mapping: MappingReader) -> Duration? {
        guard let reader = mapping.optional("timeout") else { return .seconds(10) }
        guard let value = reader.duration() else { return nil }
        guard value <= WebhookChannelConfiguration.maximumTimeout else {
            reader.report(
                "timeout \(value.compactDescription) is too long; at most "
                    + WebhookChannelConfiguration.maximumTimeout.compactDescription)
            return nil
        }
        return value
    }

    /// The message renderer of these fields, with `defaultZone` when they name no zone.
    func text(defaultZone: TimeZone) -> MessageText {
        MessageText(language: language, zone: zone ?? defaultZone)
    }
}
