import Foundation
public import VedettaCore

extension NodeReader {
    /// An address such as `host`, `host:port` or `[::1]:port`; without `defaultPort` the port is required.
    public func hostPort(defaultPort: Int?) -> HostPort? {
        guard let text = nonEmptyString() else { return nil }
        guard let address = HostPort.parse(text, defaultPort: defaultPort) else {
            let forms = defaultPort == nil ? "host:port or [IPv6]:port" : "host, host:port or [IPv6]:port"
            report("invalid address \"\(text)\"; use \(forms)")
            return nil
        }
        return address
    }

    /// An absolute `http://` or `https://` URL with a host.
    public func httpURL() -> String? {
        guard let text = nonEmptyString() else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            report("invalid URL \"\(text)\"; use an http:// or https:// URL")
            return nil
        }
        return text
    }
}
