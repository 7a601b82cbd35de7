import SNMPKit
import SNMPProbe
import Testing

@Suite("SNMPLabelText")
struct SNMPLabelTextTests {
    @Test("label text of each value type")
    func valueTypes() {
        #expect(SNMPLabelText.text(of: .octetString(Array("eth0".utf8))) == "eth0")
        #expect(SNMPLabelText.text(of: .octetString([0x00, 0x12, 0x79])) == "0x001279")
        #expect(SNMPLabelText.text(of: .ipAddress([192, 0, 2, 1])) == "192.0.2.1")
        #expect(SNMPLabelText.text(of: .integer(-5)) == "-5")
        #expect(SNMPLabelText.text(of: .opaque([0x01, 0xff])) == "0x01ff")
        #expect(SNMPLabelText.text(of: .noSuchInstance) == nil)
        #expect(SNMPLabelText.text(of: .null) == nil)
    }

    @Test("a Cisco IOS sysDescr keeps its lines, as LF, and loses the trailing line break")
    func ciscoLineBreaks() {
        let raw =
            "Cisco IOS Software, C3560 Software (C3560-IPSERVICESK9-M), Version 12.2(55)SE3, RELEASE SOFTWARE "
            + "(fc1)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2011 by Cisco "
            + "Systems, Inc.\r\nCompiled Thu 05-May-11 16:56 by prod_rel_team\r\n"
        let text = SNMPLabelText.text(ofOctets: Array(raw.utf8))
        #expect(!text.unicodeScalars.contains("\r"))
        #expect(text.hasSuffix("by prod_rel_team"))
        #expect(text.split(separator: "\n").count == 4)
        #expect(text.hasPrefix("Cisco IOS Software, C3560 Software"))
    }

    @Test(
        "text is normalised: lone CR, trailing NULs, white space at the ends",
        arguments: [
            ("line1\rline2", "line1\nline2"),
            ("Rack 7\0\0\0", "Rack 7"),
            ("  padded name \t\n", "padded name"),
            ("tab\tinside", "tab\tinside"),
            ("Città di Milano – sala server", "Città di Milano – sala server"),
            ("   ", ""),
            ("ge-0/0/1.0 - uplink to core {ISP}", "ge-0/0/1.0 - uplink to core {ISP}"),
            (" leading space only", "leading space only"),
            ("trailing space only ", "trailing space only"),
        ])
    func normalised(raw: String, expected: String) {
        #expect(SNMPLabelText.text(ofOctets: Array(raw.utf8)) == expected)
    }

    @Test(
        "bytes that are not clean UTF-8 text become hex",
        arguments: [
            ([0x43, 0x69, 0x74, 0x74, 0xE0] as [UInt8], "0x43697474e0"),  // "Città" in Latin-1
            ([0x61, 0x62, 0x1B, 0x63], "0x61621b63"),  // ESC inside
            ([0x61, 0x00, 0x62], "0x610062"),  // NUL inside (only trailing NULs are dropped)
            ([0xC2, 0x85], "0xc285"),  // a C1 control character, valid UTF-8
            ([0x61, 0x7F, 0x62], "0x617f62"),  // DEL inside
        ])
    func hex(bytes: [UInt8], expected: String) {
        #expect(SNMPLabelText.text(ofOctets: bytes) == expected)
    }

    @Test("a very long value is cut at a character boundary and ends with an ellipsis")
    func longValues() {
        let long = String(repeating: "è", count: 800)  // 1600 bytes, 2 bytes per character
        let text = SNMPLabelText.text(ofOctets: Array(long.utf8))
        #expect(text.utf8.count <= SNMPLabelText.maximumBytes)
        #expect(text.hasSuffix("…"))
        #expect(text.dropLast().allSatisfy { $0 == "è" })
        #expect(text.dropLast().count == (SNMPLabelText.maximumBytes - 3) / 2)

        let binary = SNMPLabelText.text(ofOctets: [UInt8](repeating: 0x01, count: 600))
        #expect(binary.utf8.count <= SNMPLabelText.maximumBytes)
        #expect(binary.hasPrefix("0x0101") && binary.hasSuffix("…"))

        let fits = String(repeating: "a", count: 255)
        #expect(SNMPLabelText.text(ofOctets: Array(fits.utf8)) == fits)
        let longest = String(repeating: "a", count: SNMPLabelText.maximumBytes)
        #expect(SNMPLabelText.text(ofOctets: Array(longest.utf8)) == longest)
        let tooLong = SNMPLabelText.text(ofOctets: Array((longest + "a").utf8))
        #expect(tooLong.utf8.count <= SNMPLabelText.maximumBytes && tooLong.hasSuffix("…"))
    }
}
