import SocketKit

/// ICMP and ICMPv6 echo messages (RFC 792, RFC 4443): building requests and reading replies.
///
/// A request is the 8-byte header (type, code, checksum, identifier, sequence) and a payload that starts with
/// the engine's 8-byte token, random per request, then a fixed filler. A reply matches a request only when its
/// sequence, token and source address all do, so a late reply to an earlier request, another program's echo, or
/// garbage on the socket is never counted.
enum EchoPacket {
    /// ICMP echo request (IPv4).
    static let requestV4: UInt8 = 8
    /// ICMP echo reply (IPv4).
    static let replyV4: UInt8 = 0
    /// ICMPv6 echo request.
    static let requestV6: UInt8 = 128
    /// ICMPv6 echo reply.
    static let replyV6: UInt8 = 129

    /// A reply as read from the socket.
    struct Reply: Equatable {
        var identifier: UInt16
        var sequence: UInt16
        var token: UInt64
    }

    /// Writes an echo request into `buffer` (at least `8 + payloadSize` bytes) and returns its length.
    /// The checksum is filled in for IPv4; for ICMPv6 the kernel computes it (it covers the IPv6 pseudo-header).
    static func writeRequest(
        into buffer: UnsafeMutableRawBufferPointer, family: IPFamily, identifier: UInt16, sequence: UInt16,
        token: UInt64, payloadSize: Int
    ) -> Int {
        let length = 8 + payloadSize
        precondition(buffer.count >= length && payloadSize >= 8)
        buffer[0] = family == .ipv4 ? requestV4 : requestV6
        buffer[1] = 0
        buffer[2] = 0
        buffer[3] = 0
        buffer.storeBytes(of: identifier.bigEndian, toByteOffset: 4, as: UInt16.self)
        buffer.storeBytes(of: sequence.bigEndian, toByteOffset: 6, as: UInt16.self)
        buffer.storeBytes(of: token, toByteOffset: 8, as: UInt64.self)
        for offset in 16..<length { buffer[offset] = UInt8(truncatingIfNeeded: offset) }
        if family == .ipv4 {
            let sum = checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
            buffer.storeBytes(of: sum.bigEndian, toByteOffset: 2, as: UInt16.self)
        }
        return length
    }

    /// The echo reply in `bytes`, or `nil` for anything else (another ICMP type, a short or garbled packet).
    /// - Parameters:
    ///   - bytes: What the socket returned.
    ///   - family: The socket's family.
    ///   - includesIPHeader: Whether `bytes` starts with an IPv4 header (raw IPv4 sockets).
    static func readReply(_ bytes: UnsafeRawBufferPointer, family: IPFamily, includesIPHeader: Bool) -> Reply? {
        var start = 0
        if includesIPHeader {
            guard bytes.count >= 20, bytes[0] >> 4 == 4, bytes[9] == 1 else { return nil }
            start = Int(bytes[0] & 0x0f) * 4
            guard start >= 20 else { return nil }
        }
        guard bytes.count >= start + 16 else { return nil }
        guard bytes[start] == (family == .ipv4 ? replyV4 : replyV6), bytes[start + 1] == 0 else { return nil }
        return Reply(
            identifier: UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: start + 4, as: UInt16.self)),
            sequence: UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: start + 6, as: UInt16.self)),
            token: bytes.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
    }

    /// The Internet checksum (RFC 1071) of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum &+= UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum &+= UInt32(bytes[index]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xffff) &+ (sum >> 16) }
        return ~UInt16(truncatingIfNeeded: sum)
    }
}
