import COpenSSL

/// A password hashed with scrypt (RFC 7914), memory-hard, through libcrypto's `EVP_PBE_scrypt`.
///
/// The stored form names its parameters, so they can grow without breaking older hashes:
/// `$scrypt$ln=15,r=8,p=1$SALT$HASH` (salt and hash in base64url; `ln` is log2 of N). The defaults (N = 2^15,
/// r = 8, p = 1: 32 MiB and some 60 ms per hash here) follow OWASP's recommendation for scrypt.
public struct PasswordHash: Sendable, Equatable, CustomStringConvertible {
    /// The stored form.
    public let encoded: String

    /// The cost parameters.
    public struct Cost: Sendable, Equatable {
        /// log2 of N, the CPU and memory cost.
        public var logN: Int
        /// The block size.
        public var r: Int
        /// The parallelism.
        public var p: Int

        /// N = 2^15, r = 8, p = 1: 32 MiB of memory per hash.
        public static let standard = Cost(logN: 15, r: 8, p: 1)

        /// Creates a cost.
        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// The memory one hash needs, in bytes (128 · r · N, with room for libcrypto's own).
        var memory: UInt64 { 128 * UInt64(r) * (UInt64(1) << UInt64(logN)) + 1 << 20 }
    }

    private static let prefix = "$scrypt$"
    private static let saltLength = 16
    private static let keyLength = 32

    /// Hashes `password` with a fresh random salt.
    /// - Throws: ``SecretError`` when libcrypto fails (out of memory, no random source).
    public init(hashing password: String, cost: Cost = .standard) throws(SecretError) {
        let salt = try RandomBytes.make(Self.saltLength)
        let key = try Self.derive(password, salt: salt, cost: cost, length: Self.keyLength)
        encoded =
            "\(Self.prefix)ln=\(cost.logN),r=\(cost.r),p=\(cost.p)$\(Digest.base64URL(salt))$\(Digest.base64URL(key))"
    }

    /// A stored hash, or `nil` when `encoded` is not one this type makes.
    public init?(encoded: String) {
        guard Self.parse(encoded) != nil else { return nil }
        self.encoded = encoded
    }

    /// Whether `password` is the hashed password; the comparison takes constant time.
    public func verify(_ password: String) -> Bool {
        guard let parts = Self.parse(encoded),
            let key = try? Self.derive(password, salt: parts.salt, cost: parts.cost, length: parts.key.count)
        else { return false }
        return Digest.constantTimeEqual(key, parts.key)
    }

    /// The cost the hash was made with.
    public var cost: Cost? { Self.parse(encoded)?.cost }

    /// Never the hash itself: a description may reach a log.
    public var description: String { "PasswordHash(scrypt)" }

    private static func parse(_ encoded: String) -> (cost: Cost, salt: [UInt8], key: [UInt8])? {
        guard encoded.hasPrefix(prefix) else { return nil }
        let fields = encoded.dropFirst(prefix.count).split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        var values: [Substring: Int] = [:]
        for pair in fields[0].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Int(parts[1]) else { return nil }
            values[parts[0]] = value
        }
        guard let logN = values["ln"], (1...24).contains(logN), let r = values["r"], (1...64).contains(r),
            let p = values["p"], (1...16).contains(p),
            let salt = Digest.base64URLDecoded(String(fields[1])), !salt.isEmpty,
            let key = Digest.base64URLDecoded(String(fields[2])), key.count >= 16
        else { return nil }
        return (Cost(logN: logN, r: r, p: p), salt, key)
    }

    private static func derive(_ password: String, salt: [UInt8], cost: Cost, length: Int) throws(SecretError)
        -> [UInt8]
    {
        var key = [UInt8](repeating: 0, count: length)
        // A trailing NUL, not passed in the length, gives an empty password an address too.
        let passwordBytes = Array(password.utf8) + [0]
        let result = passwordBytes.withUnsafeBytes { passwordBuffer in
            salt.withUnsafeBytes { saltBuffer in
                key.withUnsafeMutableBytes { keyBuffer in
                    EVP_PBE_scrypt(
                        passwordBuffer.baseAddress?.assumingMemoryBound(to: CChar.self), passwordBuffer.count - 1,
                        saltBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), saltBuffer.count,
                        UInt64(1) << UInt64(cost.logN), UInt64(cost.r), UInt64(cost.p), cost.memory,
                        keyBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), keyBuffer.count)
                }
            }
        }
        guard result == 1 else { throw SecretError("scrypt failed (EVP_PBE_scrypt); out of memory?") }
        return key
    }
}
