public import SNMPKit
public import VedettaConfig
import VedettaCore

/// The `traps:` section: the SNMP notification receiver.
public struct SNMPTrapConfiguration: ReceiverSettings, Hashable {
    /// The most notifications that may wait for the rule engine when `queue` is not given.
    public static let defaultQueue = 20_000

    /// Addresses, communities, users.
    public var receiver: SNMPTrapReceiverSettings
    /// The most notifications that may wait for the rule engine; beyond it they are dropped and counted.
    public var queue: Int

    /// Creates the section's settings.
    public init(receiver: SNMPTrapReceiverSettings, queue: Int = defaultQueue) {
        self.receiver = receiver
        self.queue = queue
    }
}

/// Reads `traps: {listen, communities, users, queue}` (`traps: {}` for every default; a null `traps:` is absent,
/// like any other null key).
///
/// Without `communities`, the receiver takes the v1/v2c communities of the devices' `snmp:` checks, so a device
/// that is polled with a community may send traps with it and nothing else needs configuring.
public struct SNMPTrapReceiverReader: ReceiverReader {
    /// `traps`.
    public let key = "traps"

    /// Creates the reader.
    public init() {}

    /// Reads the section; see ``ReceiverReader/readReceiver(_:devices:)``.
    public func readReceiver(_ reader: NodeReader, devices: [DeviceConfiguration]) -> (any ReceiverSettings)? {
        guard let mapping = reader.mapping(keys: ["listen", "communities", "users", "queue"]) else { return nil }
        var valid = true
        var listen = SNMPTrapReceiverSettings.defaultListen
        if let list = mapping.optional("listen")?.stringList() {
            for (address, addressReader) in list where !Self.isListenAddress(address) {
                addressReader.report(
                    "invalid traps.listen address \"\(address)\"; write udp:ADDRESS:PORT or udp6:[ADDRESS]:PORT, e.g. "
                        + "udp:0.0.0.0:162")
                valid = false
            }
            if list.isEmpty {
                mapping.optional("listen")?.report("traps.listen needs at least one address")
                valid = false
            }
            listen = list.map(\.value)
        } else if mapping.optional("listen") != nil {
            valid = false
        }
        var communities = Self.communities(of: devices)
        if let list = mapping.optional("communities")?.stringList() {
            communities = Set(list.map(\.value))
        } else if mapping.optional("communities") != nil {
            valid = false
        }
        var users: [SNMPTrapUser] = []
        for item in mapping.optional("users")?.list() ?? [] {
            if let user = readUser(item) { users.append(user) } else { valid = false }
        }
        let queue = mapping.optional("queue").map { $0.int(minimum: 1) } ?? SNMPTrapConfiguration.defaultQueue
        guard valid, let queue else { return nil }
        return SNMPTrapConfiguration(
            receiver: SNMPTrapReceiverSettings(listen: listen, communities: communities, users: users), queue: queue)
    }

    private func readUser(_ reader: NodeReader) -> SNMPTrapUser? {
        guard
            let mapping = reader.mapping(keys: [
                "username", "security_level", "auth_protocol", "auth_password", "priv_protocol", "priv_password",
                "engine_ids",
            ])
        else { return nil }
        let security = SNMPv3SecurityReader.read(mapping)
        var engineIDs: [[UInt8]]? = []
        if let list = mapping.optional("engine_ids")?.stringList() {
            for (text, idReader) in list {
                if let id = SNMPTrapUser.engineID(parsing: text) {
                    engineIDs?.append(id)
                } else {
                    idReader.report(
                        "invalid engine ID \"\(text)\"; write the sender's snmpEngineID in hex, 5 to 32 bytes, e.g. "
                            + "0x80001f8880c71100000000000000")
                    engineIDs = nil
                }
            }
        } else if mapping.optional("engine_ids") != nil {
            engineIDs = nil
        }
        guard let security, let engineIDs else { return nil }
        return SNMPTrapUser(security: security, engineIDs: engineIDs)
    }

    /// The v1/v2c communities of the devices' SNMP checks.
    static func communities(of devices: [DeviceConfiguration]) -> Set<String> {
        Set(
            devices.flatMap { $0.checks("snmp", as: SNMPDeviceConfiguration.self) }
                .filter { $0.version != .v3 }.map { $0.community.reveal() })
    }

    /// `udp:HOST:PORT` or `udp6:[HOST]:PORT` with a port from 1 to 65535.
    static func isListenAddress(_ text: String) -> Bool {
        let parts: Substring
        if text.hasPrefix("udp:") {
            parts = text.dropFirst(4)
        } else if text.hasPrefix("udp6:") {
            parts = text.dropFirst(5)
        } else {
            return false
        }
        guard let colon = parts.lastIndex(of: ":"), let port = Int(parts[parts.index(after: colon)...]) else {
            return false
        }
        return (1...65535).contains(port) && colon > parts.startIndex
    }
}
