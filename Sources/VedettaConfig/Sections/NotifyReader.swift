/// Reads `notify:` of `vedetta.yaml`: one list per channel kind (`webhooks:`), each item through its kind's
/// ``ChannelReader``. Channel names are unique across every kind: a second channel of the same name is reported
/// at its definition, naming the first.
struct NotifyReader {
    /// The channel kinds.
    let kinds: [any ChannelReader]

    /// The channels, in file order (kinds in the order they are registered).
    func read(_ reader: NodeReader) -> [ChannelConfiguration] {
        guard let mapping = reader.mapping(keys: kinds.map(\.key)) else { return [] }
        var names = DuplicateNames(kind: "channel")
        var channels: [ChannelConfiguration] = []
        for kind in kinds {
            guard let items = mapping.optional(kind.key)?.list() else { continue }
            for item in items {
                let isFirst = names.register(item, key: "name")
                guard let settings = kind.readChannel(item), isFirst else { continue }
                channels.append(ChannelConfiguration(kind: kind.key, settings: settings, location: item.location))
            }
        }
        return channels
    }
}
