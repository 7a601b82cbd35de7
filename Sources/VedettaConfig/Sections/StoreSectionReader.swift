/// Reads `store:` of `vedetta.yaml`: exactly one key, naming the store kind, read by its ``StoreReader``. Without
/// `store:`, the first store kind's default applies (the embedded SQLite file in `agent.data_dir`).
struct StoreSectionReader {
    /// The store kinds.
    let kinds: [any StoreReader]

    /// The store, or `nil` when none is configured or known (a problem is reported if one was written wrong).
    func read(_ reader: NodeReader?, dataDirectory: String) -> StoreConfiguration? {
        guard let reader else {
            for kind in kinds {
                if let settings = kind.defaultStore(dataDirectory: dataDirectory) {
                    return StoreConfiguration(kind: kind.key, settings: settings)
                }
            }
            return nil
        }
        guard let mapping = reader.mapping(keys: kinds.map(\.key)) else { return nil }
        let chosen = kinds.filter { mapping.optional($0.key) != nil }
        guard chosen.count == 1, let kind = chosen.first, let section = mapping.optional(kind.key) else {
            reader.report("store needs exactly one of \(NodeReader.alternatives(kinds.map(\.key)))")
            return nil
        }
        return kind.readStore(section, dataDirectory: dataDirectory).map {
            StoreConfiguration(kind: kind.key, settings: $0)
        }
    }
}
