/// The kinds the loader knows: check kinds, the profile kind, channel kinds, store kinds and receiver kinds. The agent lists its
/// built-in ones in one place and passes them to ``ConfigLoader``.
public struct ConfigPlugins: Sendable {
    /// Check kinds, by their key under `devices[]`.
    public var checks: [any CheckReader]
    /// The reader of `probes_dir` files, if any kind uses profiles.
    public var profiles: (any ProfileReader)?
    /// Channel kinds, by their key under `notify:`.
    public var channels: [any ChannelReader]
    /// Store kinds, by their key under `store:`; the first one's default applies when `store:` is absent.
    public var stores: [any StoreReader]
    /// Receiver kinds, by their top-level key (`traps:`).
    public var receivers: [any ReceiverReader]

    /// Creates the list.
    public init(
        checks: [any CheckReader] = [],
        profiles: (any ProfileReader)? = nil,
        channels: [any ChannelReader] = [],
        stores: [any StoreReader] = [],
        receivers: [any ReceiverReader] = []
    ) {
        self.checks = checks
        self.profiles = profiles
        self.channels = channels
        self.stores = stores
        self.receivers = receivers
    }
}
