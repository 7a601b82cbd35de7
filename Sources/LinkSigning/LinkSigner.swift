import COpenSSL
import Foundation
import SecretKit

/// Signs and checks the links Vedetta puts in messages (acknowledge in one click), with HMAC-SHA256 through
/// libcrypto and a key only the agent knows.
///
/// A link carries its payload in the clear and its signature; whoever holds the key can make one, nobody else can
/// change a link's incident, person or expiry without breaking it.
public struct LinkSigner: Sendable {
    private let key: [UInt8]

    /// The length of a generated key: 32 bytes, as long as the hash.
    public static let keyLength = 32

    /// Creates a signer.
    /// - Parameter key: The secret key; at least 16 bytes.
    /// - Throws: ``LinkKeyError`` when the key is too short.
    public init(key: [UInt8]) throws(LinkKeyError) {
        guard key.count >= 16 else {
            throw LinkKeyError(path: nil, "a link key needs at least 16 bytes; it has \(key.count)")
        }
        self.key = key
    }

    /// The HMAC-SHA256 of `message`, in lowercase hexadecimal.
    public func signature(of message: String) -> String {
        Self.hex(Self.hmacSHA256(key: key, message: Array(message.utf8)))
    }

    /// Whether `signature` is the signature of `message`, compared in constant time.
    public func verify(_ message: String, signature: String) -> Bool {
        Digest.constantTimeEqual(Array(self.signature(of: message).utf8), Array(signature.lowercased().utf8))
    }

    /// The HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count, &digest,
                    &length)
            }
        }
        // HMAC only fails on an unusable digest or allocation failure; an empty signature never verifies.
        guard result != nil else { return [] }
        return Array(digest.prefix(Int(length)))
    }

    /// Lowercase hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String { Digest.hex(bytes) }

    /// The key kept at `path`, created there (32 random bytes, readable by the owner only) when the file does not
    /// exist, so that links stay valid across restarts and every agent sharing the data directory signs alike.
    /// - Throws: ``LinkKeyError`` when the file cannot be read or created, or holds too short a key.
    public static func loadOrCreateKey(at path: String) throws(LinkKeyError) -> [UInt8] {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            var generator = SystemRandomNumberGenerator()
            let key = (0..<keyLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            // O_EXCL through `createFile` is not offered; a second process racing here writes an equally random
            // key, and the reread below makes both use whichever landed.
            guard
                manager.createFile(
                    atPath: path, contents: Data(key), attributes: [.posixPermissions: NSNumber(value: 0o600)])
            else {
                throw LinkKeyError(path: path, "cannot create the link key; check the data directory's permissions")
            }
        }
        guard let data = manager.contents(atPath: path) else {
            throw LinkKeyError(path: path, "cannot read the link key; check its permissions")
        }
        guard data.count >= 16 else {
            throw LinkKeyError(
                path: path, "the link key has \(data.count) bytes, at least 16 are needed; delete it to make a new one")
        }
        return Array(data)
    }
}

/// The link key cannot be used.
public struct LinkKeyError: Error, Sendable, CustomStringConvertible {
    /// The key file, when the key comes from one.
    public var path: String?
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(path: String?, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { path.map { "\($0): \(message)" } ?? message }
}
