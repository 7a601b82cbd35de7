import SocketKit
import Testing

@testable import ICMPKit

private enum TimerEvent: Equatable { case send(operation: UInt64) }

@Suite("EchoPacket builds requests and reads only genuine replies")
struct EchoPacketTests {
    @Test("the Internet checksum of RFC 1071's example, and a packet with its checksum sums to zero")
    func checksum() {
        let example: [UInt8] = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]
        #expect(example.withUnsafeBytes { EchoPacket.checksum($0) } == ~UInt16(0xddf2))
        var packet = [UInt8](repeating: 0, count: 64)
        let length = packet.withUnsafeMutableBytes {
            EchoPacket.writeRequest(
                into: $0, family: .ipv4, identifier: 0x1234, sequence: 7, token: 42, payloadSize: 56)
        }
        #expect(length == 64)
        #expect(packet.withUnsafeBytes { EchoPacket.checksum($0) } == 0)
        #expect(Array(packet.prefix(8)) == [8, 0, packet[2], packet[3], 0x12, 0x34, 0, 7])
    }

    @Test(
        "a request turned into a reply reads back with its identifier, sequence and token",
        arguments: IPFamily.allCases)
    func roundTrip(family: IPFamily) throws {
        var packet = [UInt8](repeating: 0, count: 24)
        _ = packet.withUnsafeMutableBytes {
            EchoPacket.writeRequest(
                into: $0, family: family, identifier: 9, sequence: 65_535, token: 0xdead_beef_cafe, payloadSize: 16)
        }
        #expect(packet.withUnsafeBytes { EchoPacket.readReply($0, family: family, includesIPHeader: false) } == nil)
        packet[0] = family == .ipv4 ? 0 : 129
        let reply = try #require(
            packet.withUnsafeBytes { EchoPacket.readReply($0, family: family, includesIPHeader: false) })
        #expect(reply == EchoPacket.Reply(identifier: 9, sequence: 65_535, token: 0xdead_beef_cafe))
    }

    @Test("an IPv4 header is skipped by its length; garbage, short packets and other protocols are not replies")
    func garbage() {
        var reply: [UInt8] = [0, 0, 0, 0, 0, 5, 0, 6] + [UInt8](repeating: 1, count: 8)
        var header = [UInt8](repeating: 0, count: 24)
        header[0] = 0x46  // IPv4, 24-byte header (with options)
        header[9] = 1
        #expect(
            (header + reply).withUnsafeBytes { EchoPacket.readReply($0, family: .ipv4, includesIPHeader: true) }?
                .sequence == 6)
        header[9] = 17  // UDP
        #expect(
            (header + reply).withUnsafeBytes { EchoPacket.readReply($0, family: .ipv4, includesIPHeader: true) } == nil)
        #expect(
            reply.prefix(12).withUnsafeBytes { EchoPacket.readReply($0, family: .ipv4, includesIPHeader: false) } == nil
        )
        reply[1] = 3  // a code other than 0
        #expect(reply.withUnsafeBytes { EchoPacket.readReply($0, family: .ipv4, includesIPHeader: false) } == nil)
        let random = (0..<200).map { _ in UInt8.random(in: 0...255) }
        for length in 0..<random.count {
            _ = random.prefix(length).withUnsafeBytes {
                EchoPacket.readReply($0, family: .ipv4, includesIPHeader: true)
            }
        }
    }

    @Test("timers come out by due time, equals in the order they were scheduled")
    func timerOrder() {
        var timers = TimerQueue<TimerEvent>()
        let dues: [UInt64] = [50, 10, 30, 10, 90, 0, 30]
        for (index, due) in dues.enumerated() { timers.schedule(.send(operation: UInt64(index)), at: due) }
        #expect(timers.popDue(at: 0) == .send(operation: 5))
        #expect(timers.popDue(at: 5) == nil)
        var order: [UInt64] = []
        while case .send(let id)? = timers.popDue(at: 100) { order.append(id) }
        #expect(order == [1, 3, 2, 6, 0, 4])
        #expect(timers.count == 0)
    }
}
