import Foundation

/// How a channel URL appears in errors and logs: chat webhooks carry their secret in the path, so only the
/// scheme, host and port are shown.
enum ChannelURL {
    /// `https://hooks.slack.com/…` for `https://hooks.slack.com/services/T000/B000/XXXX`.
    static func withoutPath(_ url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host
        else { return "<url>" }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/…"
    }
}

/// JSON bodies of the chat channels, from plain dictionaries: sorted keys, slashes unescaped.
enum JSONBody {
    static func encode(_ object: [String: Any]) -> [UInt8] {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map(Array.init) ?? Array("{}".utf8)
    }
}
