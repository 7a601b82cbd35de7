import SIPKit
import SocketKit
import TCPKit
public import VedettaConfig

/// The SIP kind's configuration: reads `devices[].sip` sections.
public struct SIPCheckReader: CheckReader {
    static let keys = [
        "uri", "transport", "expect_status", "from_user", "tls_verify", "server_name", "ca_file", "family", "name",
    ]

    /// `sip`.
    public let key = "sip"

    /// Creates the reader.
    public init() {}

    /// Reads one `sip:` section; see docs/probes/sip.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: Not used by SIP checks.
    /// - Returns: The check's settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        Self.read(reader)
    }

    /// The SIP check, or `nil` when any setting is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> SIPCheckConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        let uri = value(mapping.required("uri").flatMap(readURI))
        var request = SIPOptionsRequest(
            uri: uri ?? SIPURI(host: "invalid"), transport: uri?.scheme == "sips" ? .tls : .udp)
        if let node = mapping.optional("transport"), let text = value(node.string()) {
            if let transport = SIPOptionsRequest.Transport(rawValue: text.lowercased()) {
                if uri?.scheme == "sips" && transport != .tls {
                    node.report("a sips: URI goes over tls, not \(text)")
                    valid = false
                }
                request.transport = transport
            } else {
                node.report("invalid transport \"\(text)\"; use udp, tcp or tls")
                valid = false
            }
        }
        var tlsOnly: [(key: String, node: NodeReader)] = []
        if let node = mapping.optional("tls_verify"), let flag = value(node.bool()) {
            request.tls.verify = flag
            tlsOnly.append(("tls_verify", node))
        }
        if let node = mapping.optional("server_name"), let name = value(node.nonEmptyString()) {
            request.tls.serverName = name
            tlsOnly.append(("server_name", node))
        }
        if let node = mapping.optional("ca_file"), let path = value(node.nonEmptyString()) {
            if path.hasPrefix("/") {
                request.tls.caFile = path
            } else {
                node.report("ca_file must be an absolute path, e.g. /etc/vedetta/private-ca.pem")
                valid = false
            }
            tlsOnly.append(("ca_file", node))
        }
        if request.transport != .tls {
            for (key, node) in tlsOnly {
                node.report("\(key) applies only with transport: tls (or a sips: URI)")
                valid = false
            }
        }
        var expected: [Int] = []
        if let node = mapping.optional("expect_status"), let codes = value(readCodes(node)) {
            expected = codes
        }
        if let node = mapping.optional("from_user"), let user = value(node.nonEmptyString()) {
            if user.allSatisfy({ $0.isLetter || $0.isNumber || "-_.!~*'()".contains($0) }) {
                request.fromUser = user
            } else {
                node.report("from_user \"\(user)\" may hold letters, digits and -_.!~*'() only")
                valid = false
            }
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
        return valid ? SIPCheckConfiguration(request: request, expectedStatus: expected) : nil
    }

    private static func readURI(_ reader: NodeReader) -> SIPURI? {
        guard let text = reader.nonEmptyString() else { return nil }
        guard let uri = SIPURI(text) else {
            reader.report(
                "invalid SIP URI \"\(text)\"; use sip:host, sip:host:port, sip:user@host:port or sips:… "
                    + "(IPv6 hosts in brackets)")
            return nil
        }
        return uri
    }

    private static func readCodes(_ reader: NodeReader) -> [Int]? {
        let items: [NodeReader]
        if reader.isList {
            guard let list = reader.list() else { return nil }
            items = list
        } else {
            items = [reader]
        }
        var codes: [Int] = []
        for item in items {
            guard let code = item.int(minimum: 100) else { return nil }
            guard (200...699).contains(code) else {
                item.report("a SIP final status is between 200 and 699, got \(code)")
                return nil
            }
            codes.append(code)
        }
        return codes
    }
}
