import Testing
import VedettaCore

@testable import SNMPKit

@Suite("SNMPValue display, type names and conversions")
struct SNMPValueTests {
    @Test(
        "typeName and displayValue match snmpwalk -On",
        arguments: [
            (SNMPValue.integer(-42), "INTEGER", "-42"),
            (.octetString(Array("eth0".utf8)), "STRING", "\"eth0\""),
            (.octetString(Array("say \"hi\" \\ back".utf8)), "STRING", "\"say \\\"hi\\\" \\\\ back\""),
            (.octetString([]), "STRING", "\"\""),
            (.octetString([0x00, 0x12, 0x79, 0x62, 0xF9, 0x40]), "Hex-STRING", "00 12 79 62 F9 40"),
            (.octetString([0xC3, 0xA9]), "Hex-STRING", "C3 A9"),
            (.octetString(Array("tab\tend".utf8)), "STRING", "\"tab\tend\""),
            (.objectIdentifier(OID([1, 3, 6, 1, 4, 1, 8072, 3, 2, 10])), "OID", ".1.3.6.1.4.1.8072.3.2.10"),
            (.ipAddress([10, 1, 2, 3]), "IpAddress", "10.1.2.3"),
            (.counter32(2_692_239_107), "Counter32", "2692239107"),
            (.gauge32(4_294_967_295), "Gauge32", "4294967295"),
            (.counter64(18_446_744_073_709_551_615), "Counter64", "18446744073709551615"),
            (.timeTicks(0), "Timeticks", "(0) 0:00:00.00"),
            (.timeTicks(8_640_000), "Timeticks", "(8640000) 1 day, 0:00:00.00"),
            (.timeTicks(233_425_120), "Timeticks", "(233425120) 27 days, 0:24:11.20"),
            (.opaque([0x01, 0x02, 0xFF]), "OPAQUE", "01 02 FF"),
            (.float(10), "Opaque: Float", "10.000000"),
            (.null, "NULL", "NULL"),
            (.noSuchObject, "noSuchObject", "No Such Object available on this agent at this OID"),
        ])
    func display(value: SNMPValue, typeName: String, displayValue: String) {
        #expect(value.typeName == typeName)
        #expect(value.displayValue == displayValue)
    }

    @Test("numericValue covers numbers and numeric text only")
    func numeric() {
        #expect(SNMPValue.integer(-3).numericValue == -3)
        #expect(SNMPValue.counter64(1 << 40).numericValue == Double(1 << 40))
        #expect(SNMPValue.timeTicks(150).numericValue == 150)
        #expect(SNMPValue.octetString(Array(" 12.5 ".utf8)).numericValue == 12.5)
        #expect(SNMPValue.octetString(Array("eth0".utf8)).numericValue == nil)
        #expect(SNMPValue.objectIdentifier(OID([1, 3])).numericValue == nil)
        #expect(SNMPValue.noSuchInstance.numericValue == nil)
    }

    @Test("textValue accepts printable UTF-8, drops trailing NULs, rejects binary")
    func text() {
        #expect(SNMPValue.octetString(Array("Smart-UPS 1500".utf8)).textValue == "Smart-UPS 1500")
        #expect(SNMPValue.octetString(Array("abc".utf8) + [0, 0]).textValue == "abc")
        #expect(SNMPValue.octetString(Array("café".utf8)).textValue == "café")
        #expect(SNMPValue.octetString([0x00, 0x12, 0x79]).textValue == nil)
        #expect(SNMPValue.integer(1).textValue == nil)
    }

    @Test("a varbind prints like snmpbulkwalk -On")
    func varBindDescription() {
        let oid = OID([1, 3, 6, 1, 2, 1, 2, 2, 1, 2, 1])
        #expect(
            SNMPVarBind(oid: oid, value: .octetString(Array("lo".utf8))).description
                == ".1.3.6.1.2.1.2.2.1.2.1 = STRING: \"lo\"")
        #expect(SNMPVarBind(oid: oid, value: .octetString([])).description == ".1.3.6.1.2.1.2.2.1.2.1 = \"\"")
    }

    @Test("error messages name the target and say what to check")
    func errorMessages() {
        let timeout = SNMPError(.timeout, target: "192.0.2.1:161", oid: OID([1, 3, 6]), detail: "no response")
        #expect(timeout.description.contains("192.0.2.1:161"))
        #expect(timeout.description.contains("community"))
        let tooBig = SNMPError(
            .protocolError, target: "h:161", oid: OID([1, 3]), errorStatus: .tooBig, errorIndex: 1)
        #expect(tooBig.description.contains("tooBig"))
        #expect(tooBig.description.contains("max_repetitions"))
        #expect(SNMPErrorStatus(rawValue: 16).name == "authorizationError")
        #expect(SNMPErrorStatus(rawValue: 99).name == "error-status 99")
    }

    @Test("SNMPv3 errors give SNMPv3 advice, never a community")
    func v3ErrorMessages() {
        let timeout = SNMPError(.timeout, target: "192.0.2.1:161", version: .v3)
        #expect(timeout.description.contains("SNMPv3 is enabled"))
        #expect(!timeout.description.contains("community"))
        for status in [SNMPErrorStatus.authorizationError, .noAccess] {
            let refused = SNMPError(.protocolError, target: "h:161", errorStatus: status, version: .v3)
            #expect(refused.description.contains("SNMPv3 user"), "\(refused)")
            #expect(!refused.description.contains("community"))
            let v2 = SNMPError(.protocolError, target: "h:161", errorStatus: status, version: .v2c)
            #expect(v2.description.contains("community"))
        }
    }
}
