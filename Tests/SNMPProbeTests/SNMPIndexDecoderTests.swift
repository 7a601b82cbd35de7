import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore

@Suite("SNMPIndexDecoder")
struct SNMPIndexDecoderTests {
    @Test("integer index")
    func integer() {
        let labels = SNMPIndexDecoder.labels(
            for: [3], components: [SNMPIndexComponent(name: "ifIndex", encoding: .integer)])
        #expect(labels == ["ifIndex": "3"])
    }

    @Test("length-prefixed string, then integer")
    func stringThenInteger() {
        let components = [
            SNMPIndexComponent(name: "user", encoding: .string), SNMPIndexComponent(name: "slot", encoding: .integer),
        ]
        let labels = SNMPIndexDecoder.labels(for: [4, 114, 111, 111, 116, 7], components: components)
        #expect(labels == ["user": "root", "slot": "7"])
    }

    @Test("binary string bytes become 0x hex")
    func binaryString() {
        let labels = SNMPIndexDecoder.labels(
            for: [3, 0, 18, 255], components: [SNMPIndexComponent(name: "mac", encoding: .string)])
        #expect(labels == ["mac": "0x0012ff"])
    }

    @Test("IPv4 address, then the rest dotted")
    func ipAddressAndRest() {
        let components = [
            SNMPIndexComponent(name: "address", encoding: .ipAddress),
            SNMPIndexComponent(name: "tail", encoding: .rest),
        ]
        let labels = SNMPIndexDecoder.labels(for: [192, 0, 2, 1, 161, 0], components: components)
        #expect(labels == ["address": "192.0.2.1", "tail": "161.0"])
    }

    @Test("too short a suffix gives nil; extra sub-identifiers are ignored")
    func lengths() {
        let ip = [SNMPIndexComponent(name: "address", encoding: .ipAddress)]
        #expect(SNMPIndexDecoder.labels(for: [10, 0, 0], components: ip) == nil)
        let string = [SNMPIndexComponent(name: "name", encoding: .string)]
        #expect(SNMPIndexDecoder.labels(for: [5, 65], components: string) == nil)
        let integer = [SNMPIndexComponent(name: "line", encoding: .integer)]
        #expect(SNMPIndexDecoder.labels(for: [2, 0], components: integer) == ["line": "2"])
    }
}
