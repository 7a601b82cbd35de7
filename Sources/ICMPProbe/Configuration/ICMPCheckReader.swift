import ICMPKit
import SocketKit
public import VedettaConfig

/// The ICMP kind's configuration: reads `devices[].icmp` sections.
public struct ICMPCheckReader: CheckReader {
    static let keys = ["host", "packets", "interval", "packet_timeout", "size", "family", "name"]

    /// `icmp`.
    public let key = "icmp"

    /// Creates the reader.
    public init() {}

    /// Reads one `icmp:` section; see docs/probes/icmp.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: Not used by ICMP checks.
    /// - Returns: The check's settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        Self.read(reader)
    }

    /// The ICMP check, or `nil` when any setting is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> ICMPCheckConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        let host = value(mapping.required("host").flatMap(readHost)) ?? ""
        let defaults = PingSettings()
        var packets = defaults.packets
        var interval = defaults.interval
        var timeout = defaults.timeout
        var size = defaults.payloadSize
        var family: IPFamily?
        if let node = mapping.optional("packets"),
            let count = value(node.int(minimum: PingSettings.packetRange.lowerBound))
        {
            if count > PingSettings.packetRange.upperBound {
                node.report("packets must be at most \(PingSettings.packetRange.upperBound), not \(count)")
                valid = false
            } else {
                packets = count
            }
        }
        if let node = mapping.optional("interval"), let duration = value(node.duration()) {
            if duration < ICMPCheckConfiguration.minimumInterval {
                node.report("interval must be at least 10ms between two requests to the same host")
                valid = false
            } else {
                interval = duration
            }
        }
        if let node = mapping.optional("packet_timeout"), let duration = value(node.duration()) {
            if duration < .milliseconds(1) {
                node.report("packet_timeout must be at least 1ms")
                valid = false
            } else {
                timeout = duration
            }
        }
        if let node = mapping.optional("size"),
            let bytes = value(node.int(minimum: PingSettings.payloadRange.lowerBound))
        {
            if bytes > PingSettings.payloadRange.upperBound {
                node.report("size must be at most \(PingSettings.payloadRange.upperBound) payload bytes, not \(bytes)")
                valid = false
            } else {
                size = bytes
            }
        }
        if let node = mapping.optional("family"), let text = value(node.string()) {
            if let chosen = IPFamily(rawValue: text) {
                family = chosen
            } else {
                node.report(
                    "invalid family \"\(text)\"; use ipv4 or ipv6 (leave it out to take the name's first address)")
                valid = false
            }
        }
        guard valid else { return nil }
        return ICMPCheckConfiguration(
            host: host,
            ping: PingSettings(
                packets: packets, interval: interval, timeout: timeout, payloadSize: size, family: family))
    }

    /// A host name or IP literal: no port, no scheme, no spaces.
    private static func readHost(_ reader: NodeReader) -> String? {
        guard let host = reader.nonEmptyString() else { return nil }
        let forbidden = host.contains { $0 == "/" || $0 == " " || $0 == "@" }
        let hasPort = !host.contains("::") && host.filter { $0 == ":" }.count == 1
        guard !forbidden, !hasPort, !host.hasPrefix("[") else {
            reader.report("host must be a host name or an IP address, without port or scheme: \"\(host)\"")
            return nil
        }
        return host
    }
}
