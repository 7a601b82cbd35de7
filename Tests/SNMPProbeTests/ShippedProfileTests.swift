import Testing
import VedettaConfig

/// The shipped `probes/*.yaml` files load and document every metric they export.
@Suite("Shipped SNMP profiles")
struct ShippedProfileTests {
    @Test("every shipped profile loads, has a description and help on every metric")
    func shippedProfilesAreDocumented() throws {
        for profile in try TestProfiles.named("system", "if-mib", "host-resources", "ups-mib", "apc-ups") {
            #expect(!profile.description.isEmpty, "\(profile.name) has a description")
            #expect(!profile.scalars.isEmpty || !profile.tables.isEmpty, "\(profile.name) polls something")
            #expect(profile.scalars.allSatisfy { !$0.help.isEmpty }, "every scalar of \(profile.name) has help")
            #expect(
                profile.tables.allSatisfy { $0.metrics.allSatisfy { !$0.help.isEmpty } },
                "every column of \(profile.name) has help")
        }
    }
}
