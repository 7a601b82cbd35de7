import Testing

@testable import SIPKit

@Suite("SIP URIs and responses")
struct SIPMessageTests {
    @Test(
        "URIs: user, host, port, IPv6 in brackets, sips; parameters dropped; nonsense refused",
        arguments: [
            ("sip:pbx.example.com", "sip:pbx.example.com", 5060 as UInt16),
            ("sip:trunk@sbc.example.com:5080;transport=udp", "sip:trunk@sbc.example.com:5080", 5080),
            ("SIPS:[2001:db8::1]", "sips:[2001:db8::1]", 5061),
            ("sip:[::1]:5062", "sip:[::1]:5062", 5062),
        ])
    func uris(text: String, canonical: String, port: UInt16) throws {
        let uri = try #require(SIPURI(text))
        #expect(uri.description == canonical)
        #expect(uri.effectivePort == port)
    }

    @Test("not SIP URIs", arguments: ["http://pbx", "sip:", "sip:@host", "sip:host:99999", "sip:[::1", "sip:a b"])
    func notURIs(text: String) {
        #expect(SIPURI(text) == nil)
    }

    @Test("a response matches its request by Call-ID, branch and method; compact headers are read")
    func matching() throws {
        let message = OptionsMessage()
        let request = String(
            decoding: message.bytes(for: SIPOptionsRequest(uri: SIPURI(host: "pbx")), local: "10.0.0.1:5070"),
            as: UTF8.self)
        #expect(request.hasPrefix("OPTIONS sip:pbx SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK"))
        #expect(request.contains("\r\nMax-Forwards: 70\r\n"))
        #expect(request.hasSuffix("Content-Length: 0\r\n\r\n"))
        let reply =
            "SIP/2.0 486 Busy Here\r\nv: SIP/2.0/UDP 10.0.0.1:5070;branch=\(message.branch);rport=5070\r\n"
            + "i: \(message.callID)@10.0.0.1\r\nCSeq: 1 OPTIONS\r\nServer: Asterisk PBX 20.5\r\n\r\n"
        let response = try #require(SIPResponse(ArraySlice(Array(reply.utf8))))
        #expect(response.statusCode == 486)
        #expect(response.reason == "Busy Here")
        #expect(response.server == "Asterisk PBX 20.5")
        #expect(response.answers(message))
        #expect(!response.answers(OptionsMessage()))
        #expect(SIPResponse(ArraySlice(Array("OPTIONS sip:x SIP/2.0\r\n\r\n".utf8))) == nil)
        #expect(SIPResponse(ArraySlice(Array("SIP/2.0 2000 OK\r\n\r\n".utf8))) == nil)
    }
}
