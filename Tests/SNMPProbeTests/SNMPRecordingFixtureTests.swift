import Foundation
import SNMPKit
import SNMPProbe
import Testing
import VedettaCore
import VedettaTestSupport

/// The hand-written recordings in `Tests/Fixtures/snmprec/` are valid snmprec files: snmpsim answers GETNEXT by
/// searching the file, so every line must be `OID|tag|value` and the OIDs strictly increasing.
@Suite("Hand-written snmprec recordings")
struct SNMPRecordingFixtureTests {
    /// The snmprec type tags in use: INTEGER, OCTET STRING (text or hex), NULL, OID, IpAddress, Counter32,
    /// Gauge32, TimeTicks, Opaque, Counter64.
    static let tags: Set<String> = ["2", "4", "4x", "5", "6", "64", "65", "66", "67", "68", "68x", "70"]

    @Test(
        "every line is OID|tag|value and the OIDs increase",
        arguments: [
            SNMPRecordings.ciscoCatalyst2960Name, SNMPRecordings.juniperMX104Name, SNMPRecordings.asteriskPBXName,
        ])
    func wellFormed(name: String) throws {
        let url = SNMPRecordings.fixtureFile(for: name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var previous: OID?
        var count = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            let fields = line.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
            let location = "\(url.lastPathComponent):\(number + 1)"
            try #require(fields.count == 3, "\(location): not OID|tag|value")
            let oid = try #require(OID(String(fields[0])), "\(location): bad OID \(fields[0])")
            #expect(Self.tags.contains(String(fields[1])), "\(location): unknown tag \(fields[1])")
            if let previous {
                #expect(previous < oid, "\(location): \(oid) is not after \(previous)")
            }
            previous = oid
            count += 1
        }
        #expect(count > 100)
        #expect(SNMPRecordings.vendorDevices[name] == text)
    }
}
