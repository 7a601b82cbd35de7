public import VedettaConfig

/// Builds the notifiers of one channel kind: the construction half of a channel kind, whose reading half is its
/// ``VedettaConfig/ChannelReader``. The agent lists the built-in factories in one place.
public protocol ChannelFactory: Sendable {
    /// The kind's key under `notify:` (the reader's ``VedettaConfig/ChannelReader/key``).
    var key: String { get }

    /// The notifier of one configured channel.
    /// - Parameter channel: The channel; its settings are this kind's.
    /// - Returns: The notifier, or `nil` when the settings are not this kind's.
    func makeNotifier(for channel: ChannelConfiguration) -> (any Notifier)?
}
