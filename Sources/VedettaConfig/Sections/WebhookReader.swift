import VedettaCore

/// Reads `notify:` of `vedetta.yaml`.
enum WebhookReader {
    static let notifyKeys = ["webhooks"]
    static let keys = ["name", "url", "timeout", "headers"]

    /// The webhooks of the `notify` block, reporting duplicate names at the second definition.
    static func readNotify(_ reader: NodeReader) -> [WebhookConfiguration] {
        guard let mapping = reader.mapping(keys: notifyKeys), let items = mapping.optional("webhooks")?.list() else {
            return []
        }
        var names = DuplicateNames(kind: "webhook")
        return items.compactMap { item in
            let isFirst = names.register(item, key: "name")
            let webhook = read(item)
            return isFirst ? webhook : nil
        }
    }

    private static func read(_ reader: NodeReader) -> WebhookConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        let name = mapping.required("name")?.name(.identifier, what: "webhook name")
        let url = mapping.required("url")?.httpURL()
        let timeoutReader = mapping.optional("timeout")
        let timeout = timeoutReader.map { $0.duration() } ?? .seconds(10)
        let headersReader = mapping.optional("headers")
        let headers = headersReader.map { HeaderReader.read($0) } ?? []
        guard let name, let url, let timeout, let headers else { return nil }
        let secrets = Dictionary(headers.map { ($0.name, Secret($0.value)) }) { _, last in last }
        return WebhookConfiguration(name: name, url: url, timeout: timeout, headers: secrets)
    }
}
