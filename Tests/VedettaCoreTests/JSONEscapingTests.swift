import Foundation
import Testing
import VedettaCore

@Suite("String.jsonEscaped")
struct JSONEscapingTests {
    @Test(
        "quotes, backslashes and control characters are escaped; the rest reads back as written",
        arguments: [
            "plain", "uplink <core> / Milano", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "bell\u{07}nul\u{00}",
            "città è già", "🚨 PBX",
        ])
    func roundTrip(_ text: String) throws {
        let json = "[\"" + text.jsonEscaped + "\"]"
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(decoded == [text])
        #expect(!text.jsonEscaped.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("short forms for the common controls, \\u00XX for the others")
    func forms() {
        #expect("a\"b\\c\n\u{01}".jsonEscaped == #"a\"b\\c\n\u0001"#)
    }
}
