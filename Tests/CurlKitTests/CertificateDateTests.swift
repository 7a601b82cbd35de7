import Foundation
import Testing

@testable import CurlKit

@Suite("CertificateDate")
struct CertificateDateTests {
    @Test(
        "parses the date formats libcurl reports",
        arguments: [
            ("Jan  2 03:04:05 2030 GMT", 1_893_553_445.0),
            ("Dec 31 23:59:59 1999 GMT", 946_684_799.0),
            ("Feb 29 12:00:00 2024 GMT", 1_709_208_000.0),
            ("2030-01-02 03:04:05 GMT", 1_893_553_445.0),
        ]
    )
    func parses(text: String, epochSeconds: Double) {
        #expect(CertificateDate.parse(text)?.timeIntervalSince1970 == epochSeconds)
    }

    @Test("rejects text that is not a date", arguments: ["", "soon", "Foo 1 00:00:00 2030 GMT", "Jan 1 2030"])
    func rejects(text: String) {
        #expect(CertificateDate.parse(text) == nil)
    }
}
