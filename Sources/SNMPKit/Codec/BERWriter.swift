/// Writes BER front to back into a buffer sized beforehand (``SNMPMessage`` computes every length first), so a
/// request is built without growing or copying arrays. Writing past the buffer is a programming error: the sizes
/// are computed exactly, and debug builds check every write.
package struct BERWriter: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    /// The bytes written so far.
    package private(set) var count = 0

    package init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// A tag and a definite length.
    package mutating func header(_ tag: UInt8, length: Int) {
        byte(tag)
        let size = Self.lengthFieldSize(length)
        guard size > 1 else { return byte(UInt8(length)) }
        byte(0x80 | UInt8(size - 1))
        for index in stride(from: size - 2, through: 0, by: -1) {
            byte(UInt8(truncatingIfNeeded: length >> (index * 8)))
        }
    }

    /// An INTEGER in the fewest bytes of two's complement.
    package mutating func integer(_ value: Int64) {
        let size = Self.integerSize(value)
        header(0x02, length: size)
        for index in stride(from: size - 1, through: 0, by: -1) {
            byte(UInt8(truncatingIfNeeded: value >> (index * 8)))
        }
    }

    /// The content of an OBJECT IDENTIFIER: the first two sub-identifiers as one, then base 128.
    package mutating func objectIdentifier(_ components: UnsafeBufferPointer<UInt32>) {
        base128(Self.firstSubidentifier(components))
        for index in components.indices.dropFirst(2) { base128(UInt64(components[index])) }
    }

    /// Copies `bytes`.
    package mutating func bytes(_ bytes: [UInt8]) {
        for value in bytes { byte(value) }
    }

    private mutating func byte(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }

    private mutating func base128(_ value: UInt64) {
        var shift = (Self.base128Size(value) - 1) * 7
        while shift > 0 {
            byte(UInt8(truncatingIfNeeded: value >> shift) & 0x7F | 0x80)
            shift -= 7
        }
        byte(UInt8(truncatingIfNeeded: value) & 0x7F)
    }

    /// The bytes of a definite length field: one below 128, else a count byte and up to three bytes (a
    /// datagram is smaller than 16 MiB).
    package static func lengthFieldSize(_ length: Int) -> Int {
        switch length {
        case ..<0x80: 1
        case ..<0x100: 2
        case ..<0x1_0000: 3
        default: 4
        }
    }

    /// The bytes of an INTEGER's content.
    package static func integerSize(_ value: Int64) -> Int {
        var size = 8
        // Drop a leading byte while the next byte's top bit still carries the sign.
        while size > 1, value >> ((size - 1) * 8 - 1) == 0 || value >> ((size - 1) * 8 - 1) == -1 { size -= 1 }
        return size
    }

    /// The bytes of `value` in base 128.
    package static func base128Size(_ value: UInt64) -> Int {
        var size = 1
        while size < 10, value >> (size * 7) != 0 { size += 1 }
        return size
    }

    /// The first encoded sub-identifier: `40 × first + second` (an OID shorter than two counts its missing parts
    /// as 0).
    package static func firstSubidentifier(_ components: UnsafeBufferPointer<UInt32>) -> UInt64 {
        UInt64(components.first ?? 0) * 40 + UInt64(components.count > 1 ? components[1] : 0)
    }
}
