import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore

/// The shipped `probes/*.yaml` files load and document every metric they export.
@Suite("Shipped SNMP profiles")
struct ShippedProfileTests {
    @Test("every shipped profile loads, has a description and help on every metric")
    func shippedProfilesAreDocumented() throws {
        let names = [
            "system", "if-mib", "host-resources", "ups-mib", "apc-ups", "entity-mib", "entity-sensor", "cisco",
            "juniper", "asterisk",
        ]
        for profile in try names.map({ try TestProfiles.named($0)[0] }) {
            #expect(!profile.description.isEmpty, "\(profile.name) has a description")
            #expect(!profile.scalars.isEmpty || !profile.tables.isEmpty, "\(profile.name) polls something")
            #expect(profile.scalars.allSatisfy { !$0.help.isEmpty }, "every scalar of \(profile.name) has help")
            #expect(
                profile.tables.allSatisfy { $0.metrics.allSatisfy { !$0.help.isEmpty } },
                "every column of \(profile.name) has help")
        }
    }

    @Test(
        "vendor profiles match their vendors' sysObjectIDs and no other",
        arguments: [
            ("1.3.6.1.4.1.9.1.716", ["cisco", "entity-mib", "entity-sensor"]),  // Catalyst 2960-24TT-L
            ("1.3.6.1.4.1.9.12.3.1.3.1084", ["cisco", "entity-mib", "entity-sensor"]),  // NX-OS, under 9.12
            ("1.3.6.1.4.1.2636.1.1.1.2.97", ["entity-mib", "entity-sensor", "juniper"]),  // MX104
            ("1.3.6.1.4.1.8072.3.2.10", []),  // net-snmp on Linux, e.g. an Asterisk PBX
            ("1.3.6.1.4.1.90.1", []),  // shares a prefix with Cisco's 9 as text, not by sub-identifier
        ])
    func vendorMatches(sysObjectID: String, expected: [String]) throws {
        let oid = try #require(OID(sysObjectID))
        let vendor = try TestProfiles.named("entity-mib", "entity-sensor", "cisco", "juniper", "asterisk")
        let matching = vendor.filter { $0.match?.matches(oid) ?? false }.map(\.name).sorted()
        #expect(matching == expected)
        #expect(try TestProfiles.named("asterisk")[0].match == nil, "Asterisk has no sysObjectID of its own")
    }
}
