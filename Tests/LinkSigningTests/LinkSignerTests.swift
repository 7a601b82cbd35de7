import Foundation
import LinkSigning
import Testing
import VedettaTestSupport

@Suite("Signed links: HMAC-SHA256 through libcrypto, acknowledgement links")
struct LinkSignerTests {
    @Test("RFC 4231 test vectors for HMAC-SHA256")
    func rfc4231() {
        // Test case 1: 20 bytes 0x0b, "Hi There".
        #expect(
            LinkSigner.hex(
                LinkSigner.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // Test case 2: key "Jefe".
        #expect(
            LinkSigner.hex(
                LinkSigner.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // Test case 6: a key longer than the block size is hashed first.
        #expect(
            LinkSigner.hex(
                LinkSigner.hmacSHA256(
                    key: [UInt8](repeating: 0xaa, count: 131),
                    message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        #expect([UInt8](hex: "0a0b") == [10, 11])
    }

    @Test("a link verifies as made; any change to incident, person, expiry or signature breaks it")
    func acknowledgeLink() throws {
        let signer = try LinkSigner(key: [UInt8](repeating: 7, count: 32))
        let expires = Date(timeIntervalSince1970: 1_800_000_000)
        let link = AcknowledgeLink(incidentID: 42, person: "marco", expires: expires)
        let url = link.url(base: "https://vedetta.example.it/", signer: signer)
        #expect(url.hasPrefix("https://vedetta.example.it/ack/42?by=marco&expires=1800000000&sig="))
        let query = Dictionary(
            uniqueKeysWithValues: (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        let now = expires - 60
        #expect(
            try AcknowledgeLink.verify(
                incidentID: 42, by: query["by"], expires: query["expires"], signature: query["sig"], signer: signer,
                now: now) == link)
        #expect(throws: AcknowledgeLinkError.forged) {
            try AcknowledgeLink.verify(
                incidentID: 43, by: query["by"], expires: query["expires"], signature: query["sig"], signer: signer,
                now: now)
        }
        #expect(throws: AcknowledgeLinkError.forged) {
            try AcknowledgeLink.verify(
                incidentID: 42, by: "paolo", expires: query["expires"], signature: query["sig"], signer: signer,
                now: now)
        }
        #expect(throws: AcknowledgeLinkError.forged) {
            try AcknowledgeLink.verify(
                incidentID: 42, by: query["by"], expires: "1900000000", signature: query["sig"], signer: signer,
                now: now)
        }
        let other = try LinkSigner(key: [UInt8](repeating: 8, count: 32))
        #expect(throws: AcknowledgeLinkError.forged) {
            try AcknowledgeLink.verify(
                incidentID: 42, by: query["by"], expires: query["expires"], signature: query["sig"], signer: other,
                now: now)
        }
        #expect(throws: AcknowledgeLinkError.expired(expires)) {
            try AcknowledgeLink.verify(
                incidentID: 42, by: query["by"], expires: query["expires"], signature: query["sig"], signer: signer,
                now: expires)
        }
        #expect(throws: AcknowledgeLinkError.incomplete) {
            try AcknowledgeLink.verify(
                incidentID: 42, by: query["by"], expires: nil, signature: query["sig"], signer: signer, now: now)
        }
    }

    @Test("the key is made once, readable by its owner only, and read back the same")
    func keyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vedetta-links-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("link.key").path
        let first = try LinkSigner.loadOrCreateKey(at: path)
        #expect(first.count == LinkSigner.keyLength)
        #expect(try LinkSigner.loadOrCreateKey(at: path) == first)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: LinkKeyError.self) { try LinkSigner.loadOrCreateKey(at: path) }
        #expect(throws: LinkKeyError.self) { try LinkSigner(key: [1, 2, 3]) }
    }
}
