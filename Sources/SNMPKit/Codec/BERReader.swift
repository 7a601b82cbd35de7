/// Reads BER (the subset SNMP uses: definite lengths, tags below 31 plus the Opaque-wrapped application types)
/// from a datagram without copying it. Every read checks its bounds: a cut or corrupt datagram throws
/// ``BERError`` naming the byte where it went wrong, never reads past the buffer.
struct BERReader: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var position: Int
    /// Where the element being read ends (exclusive): reads never cross it.
    private(set) var limit: Int

    /// A reader over `bytes`, which must outlive it.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.position = 0
        self.limit = bytes.count
    }

    /// Whether everything up to the current limit has been read.
    var isAtEnd: Bool { position >= limit }

    /// Reads a tag and a definite length; the content is the next `length` bytes.
    mutating func header() throws(BERError) -> (tag: UInt8, length: Int) {
        try Self.header(in: bytes, at: &position, limit: limit)
    }

    /// How many elements follow up to the limit, counted by their headers without reading them (to size what
    /// will hold them); the count stops at the first header that does not parse, which reading it then reports.
    func elementCount() -> Int {
        var count = 0
        var at = position
        while at < limit, let header = try? Self.header(in: bytes, at: &at, limit: limit) {
            at += header.length
            count += 1
        }
        return count
    }

    /// Reads the tag and definite length at `position` in `bytes`, not past `limit`, and moves past them.
    private static func header(in bytes: UnsafeRawBufferPointer, at position: inout Int, limit: Int)
        throws(BERError) -> (tag: UInt8, length: Int)
    {
        guard position < limit else { throw BERError(offset: position, "a value is missing") }
        let tag = bytes[position]
        guard tag & 0x1F != 0x1F else { throw BERError(offset: position, "multi-byte tags are not used by SNMP") }
        position += 1
        guard position < limit else { throw BERError(offset: position, "the length is missing") }
        let first = bytes[position]
        position += 1
        var length = Int(first)
        if first & 0x80 != 0 {
            let count = Int(first & 0x7F)
            guard count > 0 else { throw BERError(offset: position - 1, "indefinite lengths are not allowed") }
            guard count <= 4, position + count <= limit else {
                throw BERError(offset: position - 1, "a length of \(count) bytes does not fit")
            }
            length = 0
            for _ in 0..<count {
                length = length << 8 | Int(bytes[position])
                position += 1
            }
        }
        guard length <= limit - position else {
            throw BERError(offset: position, "a length of \(length) runs past the end (\(limit - position) left)")
        }
        return (tag, length)
    }

    /// Reads a header that must have `tag`.
    mutating func header(expecting tag: UInt8, _ what: String) throws(BERError) -> Int {
        let start = position
        let (found, length) = try header()
        guard found == tag else {
            throw BERError(
                offset: start, "expected \(what) (tag 0x\(SNMPValue.hex([tag]))), found tag 0x\(SNMPValue.hex([found]))"
            )
        }
        return length
    }

    /// Enters a constructed value of `length` bytes: reads stay inside it until ``leave(_:)``.
    /// - Returns: The enclosing limit, to give back to ``leave(_:)``.
    mutating func enter(length: Int) -> Int {
        let outer = limit
        limit = position + length
        return outer
    }

    /// Leaves a constructed value entered with ``enter(length:)``, skipping what was not read of it.
    mutating func leave(_ outer: Int) {
        position = limit
        limit = outer
    }

    /// Skips `length` bytes of content.
    mutating func skip(_ length: Int) {
        position += length
    }

    /// Reads an INTEGER (tag 0x02) that must fit in an `Int`.
    mutating func integer(_ what: String) throws(BERError) -> Int {
        let length = try header(expecting: 0x02, what)
        let start = position
        guard length <= 8 else { throw BERError(offset: start, "\(what) is \(length) bytes long") }
        return Int(truncatingIfNeeded: twosComplement(length))
    }

    /// Reads the content of an integer of any SNMP type as a 64-bit pattern: two's complement, sign-extended, up to
    /// nine bytes when the extra leading byte is only sign (an unsigned 64-bit counter has a leading zero).
    mutating func twosComplement(_ length: Int) -> UInt64 {
        guard length > 0 else { return 0 }
        var value: UInt64 = bytes[position] & 0x80 != 0 ? UInt64.max : 0
        for index in position..<(position + length) {
            value = value << 8 | UInt64(bytes[index])
        }
        position += length
        return value
    }

    /// Reads the content of an OBJECT IDENTIFIER of `length` bytes: its sub-identifiers.
    mutating func objectIdentifier(length: Int) throws(BERError) -> [UInt32] {
        try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: length + 1) { buffer throws(BERError) in
            var count = 0
            try objectIdentifier(length: length, into: buffer, at: &count)
            return Array(buffer[0..<count])
        }
    }

    /// Reads the content of an OBJECT IDENTIFIER of `length` bytes into `output` from `count` on, and advances
    /// `count` past it (a response's names go one after the other into one buffer). `output` has room for
    /// `length + 1` more sub-identifiers: a byte holds at most one, the first byte two.
    mutating func objectIdentifier(
        length: Int, into output: UnsafeMutableBufferPointer<UInt32>, at count: inout Int
    ) throws(BERError) {
        guard length > 0 else { return }
        let start = position
        guard length < output.count - count else {
            throw BERError(offset: start, "an OID of \(length) bytes does not fit the message")
        }
        guard bytes[start + length - 1] & 0x80 == 0 else {
            throw BERError(offset: start, "an OID ends inside a sub-identifier")
        }
        let first = count
        var written = count
        var value: UInt64 = 0
        for index in start..<(start + length) {
            let byte = bytes[index]
            value = value << 7 | UInt64(byte & 0x7F)
            guard value <= UInt64(UInt32.max) else {
                throw BERError(offset: index, "an OID sub-identifier exceeds 2^32")
            }
            guard byte & 0x80 == 0 else { continue }
            if written == first {
                let head: UInt64 = value < 80 ? value / 40 : 2
                output[written] = UInt32(head)
                output[written + 1] = UInt32(value - head * 40)
                written += 2
            } else {
                output[written] = UInt32(value)
                written += 1
            }
            value = 0
        }
        guard written - first <= SNMPMessage.maximumOIDLength else {
            throw BERError(offset: start, "an OID has more than \(SNMPMessage.maximumOIDLength) sub-identifiers")
        }
        count = written
        position = start + length
    }

    /// Copies the next `length` bytes.
    mutating func octets(_ length: Int) -> [UInt8] {
        let result = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[position..<(position + length)]))
        position += length
        return result
    }

    /// The byte at `offset` from the current position, if it is before the limit.
    func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < limit ? bytes[position + offset] : nil
    }
}

/// Why a datagram is not a valid SNMP message.
package struct BERError: Error, CustomStringConvertible {
    /// Where in the datagram the problem starts.
    var offset: Int
    /// What is wrong.
    var reason: String

    init(offset: Int, _ reason: String) {
        self.offset = offset
        self.reason = reason
    }

    package var description: String { "\(reason) (at byte \(offset))" }
}
