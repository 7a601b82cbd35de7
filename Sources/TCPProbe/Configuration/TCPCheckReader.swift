import SocketKit
import TCPKit
public import VedettaConfig
import VedettaCore

/// The TCP kind's configuration: reads `devices[].tcp` sections.
public struct TCPCheckReader: CheckReader {
    static let keys = ["address", "tls", "tls_verify", "server_name", "ca_file", "send", "expect", "family", "name"]

    /// `tcp`.
    public let key = "tcp"

    /// Creates the reader.
    public init() {}

    /// Reads one `tcp:` section; see docs/probes/tcp.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: Not used by TCP checks.
    /// - Returns: The check's settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        Self.read(reader)
    }

    /// The TCP check, or `nil` when any setting is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> TCPCheckConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        let address = value(mapping.required("address")?.hostPort(defaultPort: nil))
        var request = ConnectRequest(host: address?.host ?? "", port: UInt16(clamping: address?.port ?? 0))
        var tls = TLSSettings()
        let useTLS = mapping.optional("tls").flatMap { value($0.bool()) } ?? false
        var tlsOnly: [(key: String, node: NodeReader)] = []
        if let node = mapping.optional("tls_verify"), let flag = value(node.bool()) {
            tls.verify = flag
            tlsOnly.append(("tls_verify", node))
        }
        if let node = mapping.optional("server_name"), let name = value(node.nonEmptyString()) {
            tls.serverName = name
            tlsOnly.append(("server_name", node))
        }
        if let node = mapping.optional("ca_file"), let path = value(node.nonEmptyString()) {
            if path.hasPrefix("/") {
                tls.caFile = path
            } else {
                node.report("ca_file must be an absolute path, e.g. /etc/vedetta/private-ca.pem")
                valid = false
            }
            tlsOnly.append(("ca_file", node))
        }
        if !useTLS {
            for (key, node) in tlsOnly {
                node.report("\(key) applies only with tls: true; this check makes no TLS handshake")
                valid = false
            }
        }
        if useTLS { request.tls = tls }
        if let node = mapping.optional("send"), let text = value(node.string()) {
            if text.isEmpty {
                node.report("send must not be empty; leave it out to send nothing")
                valid = false
            }
            request.send = Array(text.utf8)
        }
        if let node = mapping.optional("expect"), let text = value(node.string()) {
            if text.isEmpty || text.utf8.count > ConnectRequest.readLimit {
                node.report("expect must be 1 to \(ConnectRequest.readLimit) bytes of text")
                valid = false
            }
            request.expect = Array(text.utf8)
        }
        if let node = mapping.optional("family"), let text = value(node.string()) {
            if let family = IPFamily(rawValue: text) {
                request.family = family
            } else {
                node.report(
                    "invalid family \"\(text)\"; use ipv4 or ipv6 (leave it out to take the name's first address)")
                valid = false
            }
        }
        return valid ? TCPCheckConfiguration(request: request) : nil
    }
}
