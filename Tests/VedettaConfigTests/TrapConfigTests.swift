import Foundation
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaTestSupport

@Suite("ConfigLoader reads the traps: section")
struct TrapConfigTests {
    private func load(_ yaml: String) throws -> VedettaConfiguration {
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-trapconfig")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("vedetta.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(configFile: file.path, plugins: BuiltinKinds.configuration)
    }

    @Test("traps: {} listens on udp:0.0.0.0:162 and takes the v1/v2c communities the devices are polled with")
    func defaults() throws {
        let configuration = try load(
            """
            traps: {}
            devices:
              - name: sw1
                snmp: {address: 192.0.2.1, community: milano-ro}
              - name: sw2
                snmp: {address: 192.0.2.2, community: public, version: 1}
              - name: r1
                snmp: {address: 192.0.2.3, version: 3, username: u, auth_password: authpass1, priv_password: privpass1}
            """)
        let traps = try #require(configuration.receivers.first?.settings as? SNMPTrapConfiguration)
        #expect(traps.receiver.listen == ["udp:0.0.0.0:162"])
        #expect(traps.receiver.communities == ["milano-ro", "public"])
        #expect(traps.receiver.users.isEmpty)
        #expect(traps.queue == SNMPTrapConfiguration.defaultQueue)
    }

    @Test("without traps: no receiver runs")
    func absent() throws {
        let configuration = try load("devices: []\n")
        #expect(configuration.receivers.isEmpty)
    }
}
