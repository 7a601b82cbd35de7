import SecretKit
import Testing

@Suite("Password hashes (scrypt through libcrypto)")
struct PasswordHashTests {
    @Test("a hash verifies its password and no other, and names its cost")
    func verifies() throws {
        let hash = try PasswordHash(hashing: "correct horse battery", cost: .init(logN: 10, r: 8, p: 1))
        #expect(hash.verify("correct horse battery"))
        #expect(!hash.verify("correct horse batterY"))
        #expect(!hash.verify(""))
        #expect(hash.encoded.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(hash.cost == .init(logN: 10, r: 8, p: 1))
        #expect(!hash.description.contains(hash.encoded))
    }

    @Test("two hashes of one password differ (a fresh salt each) and both verify")
    func salted() throws {
        let cost = PasswordHash.Cost(logN: 10, r: 8, p: 1)
        let first = try PasswordHash(hashing: "same password", cost: cost)
        let second = try PasswordHash(hashing: "same password", cost: cost)
        #expect(first.encoded != second.encoded)
        #expect(first.verify("same password") && second.verify("same password"))
    }

    @Test("the standard cost matches RFC 7914's scrypt: a stored hash made elsewhere verifies")
    func interoperates() throws {
        // Made with Python's hashlib.scrypt(b"vedetta-password", salt=b"0123456789abcdef", n=2**15, r=8, p=1,
        // dklen=32), encoded as base64url without padding.
        let stored = try #require(
            PasswordHash(
                encoded: "$scrypt$ln=15,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$" + PasswordHashTests.pythonKey))
        #expect(stored.verify("vedetta-password"))
        #expect(!stored.verify("vedetta-passwore"))
    }

    @Test("malformed stored hashes are refused, not trusted")
    func malformed() {
        for text in [
            "", "plain", "$scrypt$", "$scrypt$ln=15,r=8,p=1$salt", "$scrypt$ln=99,r=8,p=1$MDEy$MDEyMzQ1Njc4OWFiY2RlZg",
            "$scrypt$ln=15,r=8$MDEy$MDEyMzQ1Njc4OWFiY2RlZg", "$bcrypt$ln=15,r=8,p=1$MDEy$MDEyMzQ1Njc4OWFiY2RlZg",
        ] {
            #expect(PasswordHash(encoded: text) == nil, "\(text)")
        }
    }

    @Test("base64url round-trips every length, and SHA-256 gives the known digest")
    func encodings() throws {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(($0 * 37 + 11) & 0xff) }
            #expect(Digest.base64URLDecoded(Digest.base64URL(bytes)) == bytes)
        }
        #expect(Digest.base64URL(Array("0123456789abcdef".utf8)) == "MDEyMzQ1Njc4OWFiY2RlZg")
        #expect(Digest.base64URLDecoded("a+b") == nil)
        #expect(Digest.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try RandomBytes.make(32) != RandomBytes.make(32))
    }

    static let pythonKey = "pbFry2hRobQLSrEQGvm54Z7LdBmkZDbqWh5jKtXTpOM"
}
