import Foundation
import Testing
import VedettaConfig
import VedettaCore
import VedettaTestSupport

/// The shipped `probes/*.yaml` files load, and say exactly what ``TestProfiles`` (used by the probe tests) says.
@Suite("Shipped SNMP profiles")
struct ShippedProfileTests {
    @Test("probes/*.yaml load and match the profiles the probe tests use")
    func shippedProfilesMatch() throws {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-profiles")
        defer { try? FileManager.default.removeItem(at: directory) }
        let alerts = directory.appendingPathComponent("alerts")
        try FileManager.default.createDirectory(at: alerts, withIntermediateDirectories: true)
        let probes = RepositoryPaths.root.appendingPathComponent("probes").path
        let configFile = directory.appendingPathComponent("vedetta.yaml")
        try """
        probes_dir: \(probes)
        alerts_dir: \(alerts.path)
        devices:
          - name: dut
            snmp:
              address: 127.0.0.1
              profiles: [system, if-mib, host-resources, ups-mib, apc-ups]
        """.write(to: configFile, atomically: true, encoding: .utf8)

        let configuration = try ConfigLoader.load(configFile: configFile.path)
        let expected = [
            TestProfiles.system, TestProfiles.ifMIB, TestProfiles.hostResources, TestProfiles.upsMIB,
            TestProfiles.apcUPS,
        ]
        for profile in expected {
            let loaded = try #require(configuration.profiles[profile.name], "probes/ has no profile \(profile.name)")
            #expect(loaded.description == profile.description)
            #expect(loaded.scalars.map(\.withoutHelp) == profile.scalars, "scalars of \(profile.name)")
            #expect(loaded.tables.map(\.withoutHelp) == profile.tables, "tables of \(profile.name)")
            #expect(loaded.scalars.allSatisfy { !$0.help.isEmpty }, "every scalar of \(profile.name) has help")
            #expect(
                loaded.tables.allSatisfy { $0.metrics.allSatisfy { !$0.help.isEmpty } },
                "every column of \(profile.name) has help")
        }
    }
}

extension SNMPScalarMetric {
    fileprivate var withoutHelp: SNMPScalarMetric {
        var copy = self
        copy.help = ""
        return copy
    }
}

extension SNMPTable {
    fileprivate var withoutHelp: SNMPTable {
        var copy = self
        copy.metrics = metrics.map { metric in
            var metric = metric
            metric.help = ""
            return metric
        }
        return copy
    }
}
