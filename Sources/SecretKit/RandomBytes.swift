import COpenSSL

/// Cryptographically secure random bytes from libcrypto's generator (`RAND_bytes`).
public enum RandomBytes {
    /// `count` random bytes.
    /// - Throws: ``SecretError`` when the generator cannot give them (it is not seeded): never a weak secret.
    public static func make(_ count: Int) throws(SecretError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { buffer in
            RAND_bytes(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(buffer.count))
        }
        guard result == 1 else { throw SecretError("the random generator failed (RAND_bytes)") }
        return bytes
    }
}

/// A secret could not be made or hashed: libcrypto failed, which only happens when it is out of memory or its
/// random generator is unseeded.
public struct SecretError: Error, CustomStringConvertible {
    /// What failed.
    public var description: String

    init(_ description: String) { self.description = description }
}
