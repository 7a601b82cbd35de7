import VedettaCore

/// What an ``SNMPTrapReceiver`` listens on and whom it believes.
public struct SNMPTrapReceiverSettings: Sendable, Hashable {
    /// The default address: every IPv4 address, the standard trap port (binding it needs
    /// `CAP_NET_BIND_SERVICE`, or a port redirect to an unprivileged port).
    public static let defaultListen = ["udp:0.0.0.0:162"]
    /// The receive buffer asked of the kernel for each socket: room for a burst of several thousand traps.
    public static let defaultReceiveBuffer = 4 << 20

    /// Addresses in net-snmp's transport syntax: `udp:0.0.0.0:162`, `udp6:[::]:162`, `udp:127.0.0.1:10162`.
    public var listen: [String]
    /// The communities whose v1 and v2c notifications are taken; `nil` takes any community.
    public var communities: Set<String>?
    /// The SNMPv3 users whose notifications are taken.
    public var users: [SNMPTrapUser]
    /// The addresses notifications are taken from (the source of the datagram, or an SNMPv1 trap's agent address);
    /// `nil` takes any sender.
    public var senders: Set<String>?
    /// The receive buffer asked of the kernel for each socket, in bytes (the kernel may grant less).
    public var receiveBuffer: Int

    /// Creates settings.
    public init(
        listen: [String] = defaultListen, communities: Set<String>? = nil, users: [SNMPTrapUser] = [],
        senders: Set<String>? = nil, receiveBuffer: Int = defaultReceiveBuffer
    ) {
        self.listen = listen
        self.communities = communities
        self.users = users
        self.senders = senders
        self.receiveBuffer = receiveBuffer
    }
}

/// An SNMPv3 user notifications may come from.
///
/// Informs are sent to the receiver's own engine, so a user serves them with no engine ID. A v3 *trap* is keyed
/// to the sending device's engine (RFC 3414): list each sender's `snmpEngineID` in ``engineIDs``, as with
/// snmptrapd's `createUser -e`.
public struct SNMPTrapUser: Sendable, Hashable {
    /// The user name, level, protocols and passwords (the context is not used).
    public var security: SNMPv3Security
    /// The engine IDs of the devices that send this user's v3 traps.
    public var engineIDs: [[UInt8]]

    /// Creates a user.
    public init(security: SNMPv3Security, engineIDs: [[UInt8]] = []) {
        self.security = security
        self.engineIDs = engineIDs
    }

    /// Parses an engine ID written in hex, with or without `0x`, with optional `:` or space separators (as
    /// `snmpget` prints it: `80 00 1F 88 80 ...`).
    /// - Parameter text: The engine ID, e.g. `0x80001f8880a1b2c3d4`.
    /// - Returns: Its bytes, or `nil` unless it is 5 to 32 bytes of hex (RFC 3411).
    public static func engineID(parsing text: String) -> [UInt8]? {
        var hex = String(text.lowercased().filter { $0 != ":" && $0 != " " })
        if hex.hasPrefix("0x") { hex.removeFirst(2) }
        guard hex.count % 2 == 0, (10...64).contains(hex.count) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
