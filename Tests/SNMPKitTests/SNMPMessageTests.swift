import SocketKit
import Testing
import VedettaCore
import VedettaTestSupport

@testable import SNMPKit

/// The SNMPv1/v2c codec against bytes encoded by another implementation (pysnmp 7 with pyasn1, the library snmpsim
/// answers with), and against corrupt datagrams.
@Suite("SNMP message encoding and decoding")
struct SNMPMessageTests {
    private func bytes(_ hex: String) -> [UInt8] { [UInt8](hex: hex) }

    private func decode(_ datagram: [UInt8]) throws(BERError) -> (requestID: Int32, response: SNMPResponse) {
        let result = datagram.withUnsafeBytes { buffer in
            Result { () throws(BERError) in try SNMPMessage.decodeResponse(buffer) }
        }
        return try result.get()
    }

    @Test("a GETBULK request is encoded byte for byte as pysnmp encodes it")
    func encodeGetBulk() throws {
        let request = SNMPPDURequest(
            command: .getBulk(maxRepetitions: 25),
            oids: [
                try #require(OID("1.3.6.1.2.1.2.2.1.2")), try #require(OID("1.3.6.1.4.1.2636.3.1.13.1.5.9.1.0.0")),
            ])
        let encoded = SNMPMessage.encode(request, requestID: 74565, version: .v2c, community: Array("public".utf8))
        #expect(
            encoded
                == bytes(
                    "303f02010104067075626c6963a53202030123450201000201193025300d06092b06010201020201020500301406102b0601"
                        + "0401944c03010d0105090100000500"))
    }

    @Test("GET and GETNEXT use their own PDU tags; v1 has version 0; integers take the fewest bytes")
    func encodeOtherRequests() throws {
        let oid = try #require(OID("1.3.6.1.2.1.1.5.0"))
        let get = SNMPMessage.encode(
            SNMPPDURequest(command: .get, oids: [oid]), requestID: 1, version: .v1, community: Array("c".utf8))
        #expect(get == bytes("3021020100040163a01902010102010002010030" + "0e300c06082b060102010105000500"))
        let next = SNMPMessage.encode(
            SNMPPDURequest(command: .getNext, oids: [oid]), requestID: 128, version: .v2c, community: [])
        #expect(next == bytes("30210201010400a11a0202008002010002010030" + "0e300c06082b060102010105000500"))
        let negative = SNMPMessage.encode(
            SNMPPDURequest(command: .get, oids: []), requestID: -129, version: .v2c, community: [])
        #expect(negative == bytes("30130201010400a00c0202ff7f020100020100" + "3000"))
    }

    @Test("a response with every value type decodes as pysnmp encoded it")
    func decodeEveryType() throws {
        let datagram = bytes(
            "3081f402010104067075626c6963a281e60201fb0201000201003081da301306082b0601020101010004074c696e75782078"
                + "301606082b06010201010200060a2b06010401bf0803020a301106082b06010201010300430500ffffffff3013060a2b06"
                + "0102010202010a01410500b2d05e003012060a2b0601020102020105014204009896803018060b2b060102011f01010106"
                + "01460900ffffffffffffffff3015060d2b06010201041401017f00000140047f000001300f060a2b0601020102020108"
                + "010201fe3012060a2b06010201020201090102047fffffff3010060c2b06010201010901028c9a408100300706038837"
                + "038200")
        let (requestID, response) = try decode(datagram)
        #expect(requestID == -5)
        #expect(response.errorStatus == 0 && response.errorIndex == 0)
        let expected: [(String, SNMPValue)] = [
            ("1.3.6.1.2.1.1.1.0", .octetString(Array("Linux x".utf8))),
            ("1.3.6.1.2.1.1.2.0", .objectIdentifier(OID([1, 3, 6, 1, 4, 1, 8072, 3, 2, 10]))),
            ("1.3.6.1.2.1.1.3.0", .timeTicks(4_294_967_295)),
            ("1.3.6.1.2.1.2.2.1.10.1", .counter32(3_000_000_000)),
            ("1.3.6.1.2.1.2.2.1.5.1", .gauge32(10_000_000)),
            ("1.3.6.1.2.1.31.1.1.1.6.1", .counter64(UInt64.max)),
            ("1.3.6.1.2.1.4.20.1.1.127.0.0.1", .ipAddress([127, 0, 0, 1])),
            ("1.3.6.1.2.1.2.2.1.8.1", .integer(-2)),
            ("1.3.6.1.2.1.2.2.1.9.1", .integer(2_147_483_647)),
            ("1.3.6.1.2.1.1.9.1.2.200000", .noSuchInstance),
            ("2.999.3", .endOfMibView),
        ]
        #expect(response.varBinds.count == expected.count)
        for (varBind, (oid, value)) in zip(response.varBinds, expected) {
            #expect(varBind.oid == OID(oid))
            #expect(varBind.value == value, "\(oid)")
        }
    }

    @Test("Opaque-wrapped float, double and 64-bit integers decode as net-snmp decodes them")
    func decodeOpaque() throws {
        // Response, request id 7, one binding each: Opaque(float 1.5), Opaque(double -2.25), Opaque(U64 2^32),
        // Opaque(I64 -1) and a plain Opaque of two bytes.
        let bindings = [
            "300d06022b01" + "4407" + "9f78043f" + "c00000",
            "301106022b02" + "440b" + "9f7908c002000000000000",
            "300e06022b03" + "4408" + "9f7b05" + "0100000000",
            "300a06022b04" + "4404" + "9f7a01ff",
            "300806022b05" + "4402" + "abcd",
        ].joined()
        let list = "30" + String(bindings.count / 2, radix: 16) + bindings
        let pdu = "020107020100020100" + list
        let body = "020101" + "0400" + "a2" + String(pdu.count / 2, radix: 16) + pdu
        let (_, response) = try decode(bytes("30" + String(body.count / 2, radix: 16) + body))
        #expect(
            response.varBinds.map(\.value) == [
                .float(1.5), .double(-2.25), .counter64(1 << 32), .integer(-1), .opaque([0xAB, 0xCD]),
            ])
    }

    @Test("an error status and index are kept")
    func decodeErrorStatus() throws {
        let (requestID, response) = try decode(
            bytes("3022020100040163a21a0202300902010202010130" + "0e300c06082b060102010163000500"))
        #expect(requestID == 0x3009)
        #expect(response.errorStatus == 2 && response.errorIndex == 1)
        #expect(response.varBinds == [SNMPVarBind(oid: OID([1, 3, 6, 1, 2, 1, 1, 99, 0]), value: .null)])
    }

    @Test("cut, corrupt and non-response datagrams are errors naming the byte, never a crash")
    func rejectsCorruptDatagrams() throws {
        let good = bytes(
            "3022020100040163a21a0202300902010202010130" + "0e300c06082b060102010163000500")
        #expect(throws: Never.self) { try decode(good) }
        for length in 0..<good.count {
            #expect(throws: BERError.self, "cut at \(length)") { try decode(Array(good.prefix(length))) }
        }
        var request = good
        request[8] = 0xA0  // a GetRequest, not a response
        let error = #expect(throws: BERError.self) { try decode(request) }
        #expect(error?.description.contains("Response-PDU") == true)
        var huge = good
        huge[1] = 0x84  // a four-byte length running past the end
        #expect(throws: BERError.self) { try decode(huge) }
        var longOID = good
        longOID[33] = 0x81  // the OID's last byte continues a sub-identifier
        #expect(throws: BERError.self) { try decode(longOID) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var noise = good
            for _ in 0..<3 { noise[Int.random(in: 0..<noise.count, using: &generator)] = .random(in: 0...255) }
            _ = try? decode(noise)
        }
    }

    /// A response's bindings are counted before they are read, so that their arrays get exactly the room they need.
    @Test("elements are counted by their headers, up to the first that does not parse")
    func elementCount() {
        func count(_ hex: String) -> Int {
            bytes(hex).withUnsafeBytes { buffer in BERReader(buffer).elementCount() }
        }
        #expect(count("") == 0)
        #expect(count("020105" + "04024142" + "0500") == 3)
        #expect(count("020105" + "04054142") == 1)  // the string claims 5 bytes of 2
        #expect(count("020105" + "0481") == 1)  // a long length cut short
        #expect(count("3081820201" + String(repeating: "00", count: 0x80)) == 1)  // a long-form length
    }

    @Test("the resolver's transport addresses parse to an address and port; anything else is left to net-snmp")
    func transportAddresses() {
        let v4 = SNMPCommunitySession.parse("udp:127.0.0.1:16161")
        #expect(v4?.0 == IPAddress(numeric: "127.0.0.1") && v4?.1 == 16161)
        let v6 = SNMPCommunitySession.parse("udp6:[::1]:161")
        #expect(v6?.0 == IPAddress(numeric: "::1") && v6?.1 == 161)
        for other in [
            "udp6:[fe80::1%eth0]:161", "udp:localhost:161", "tcp:127.0.0.1:161", "udp:127.0.0.1", "udp6:[::1]",
        ] {
            #expect(SNMPCommunitySession.parse(other) == nil, "\(other)")
        }
    }
}
