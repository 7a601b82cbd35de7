public import VedettaCore

/// Reads one kind of notification channel: the list under its key in `notify:` (`webhooks:`).
///
/// Channel names are unique across every kind (outbox entries refer to channels by name); the loader checks that,
/// the reader checks the rest.
public protocol ChannelReader: Sendable {
    /// The key under `notify:`, e.g. `webhooks`.
    var key: String { get }
    /// The singular noun for summaries: `webhook`.
    var noun: String { get }

    /// Reads one channel of the list.
    /// - Parameter reader: The channel's mapping; it holds `name`.
    /// - Returns: The settings, or `nil` when a problem was reported.
    func readChannel(_ reader: NodeReader) -> (any ChannelSettings)?
}

/// The validated settings of one channel, as its kind's reader made them.
public protocol ChannelSettings: Sendable {
    /// The unique channel name.
    var name: String { get }
    /// The on-call schedules the channel pages the person of (`oncall:`), with where each is written; the loader
    /// checks that each is a schedule of `oncall_dir`.
    var scheduleReferences: [(name: String, location: SourceLocation)] { get }
    /// Whether the channel has no addressees of its own (an e-mail or SMS channel without `to` and `oncall`): it
    /// reaches only the people escalation policies page through it, so routes may not list it.
    var reachesOnlyPagedPeople: Bool { get }
}

extension ChannelSettings {
    /// None, for channels with fixed destinations.
    public var scheduleReferences: [(name: String, location: SourceLocation)] { [] }
    /// `false`: the channel has its own addressees.
    public var reachesOnlyPagedPeople: Bool { false }
}

/// One configured channel: its kind and the kind's settings.
public struct ChannelConfiguration: Sendable {
    /// The kind's key, e.g. `webhooks`.
    public var kind: String
    /// The settings the kind's reader returned.
    public var settings: any ChannelSettings
    /// Where the channel is defined.
    public var location: SourceLocation

    /// Creates a channel.
    public init(kind: String, settings: any ChannelSettings, location: SourceLocation) {
        self.kind = kind
        self.settings = settings
        self.location = location
    }

    /// The channel's name.
    public var name: String { settings.name }
}
