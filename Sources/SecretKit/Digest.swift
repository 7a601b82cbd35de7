import COpenSSL

/// SHA-256, encodings and the constant-time comparison that secrets need.
public enum Digest {
    /// The SHA-256 of `text`'s UTF-8 bytes, in lowercase hexadecimal.
    ///
    /// Used to store API tokens and session identifiers: the database holds only their hashes, so a copy of it
    /// opens no session. (They are 256-bit random values, so a fast hash suffices; passwords use ``PasswordHash``.)
    public static func sha256Hex(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { input in
            digest.withUnsafeMutableBytes { output in
                _ = SHA256(
                    input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                    output.baseAddress?.assumingMemoryBound(to: UInt8.self))
            }
        }
        return hex(digest)
    }

    /// Whether `left` and `right` are equal, in time that depends only on their length.
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        guard !left.isEmpty else { return true }
        return left.withUnsafeBytes { first in
            right.withUnsafeBytes { second in
                CRYPTO_memcmp(first.baseAddress, second.baseAddress, first.count) == 0
            }
        }
    }

    /// Lowercase hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Base64url without padding (RFC 4648 §5): safe in URLs, cookies and headers.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var text: [UInt8] = []
        text.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { text.append(alphabet[(value >> (18 - 6 * position)) & 0x3f]) }
            index += 3
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of base64url text without padding, or `nil` when it is not base64url.
    public static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for character in text.utf8 {
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(character - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(character - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "_"): values.append(63)
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value = 0
            for (offset, digit) in chunk.enumerated() { value |= Int(digit) << (18 - 6 * offset) }
            for position in 0..<(chunk.count - 1) { bytes.append(UInt8((value >> (16 - 8 * position)) & 0xff)) }
            index += 4
        }
        return bytes
    }
}
