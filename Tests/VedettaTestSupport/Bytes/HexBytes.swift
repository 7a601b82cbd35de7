extension Array where Element == UInt8 {
    /// The bytes written as hexadecimal digits, two per byte (`"0a1b"` is `[0x0A, 0x1B]`): test vectors as
    /// published. An odd trailing digit is ignored; a pair that is not hexadecimal becomes 0.
    public init(hex: String) {
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        self = result
    }
}
