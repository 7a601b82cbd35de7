import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaNotify

@Suite("ConfigLoader reads SNMPv3 devices (Fixtures/snmpv3)")
struct SNMPv3ConfigTests {
    @Test("every SNMPv3 key is read, and defaults are auth_priv, sha and aes")
    func readsCredentials() throws {
        let configuration = try ConfigLoader.load(
            configFile: try FixturePaths.root + "/snmpv3/vedetta.yaml", plugins: BuiltinKinds.configuration)
        let devices = configuration.devices.compactMap(\.snmp)
        try #require(devices.count == 3)
        #expect(devices[0].version == .v3)
        let full = try #require(devices[0].v3)
        #expect(full.userName == "monitor")
        #expect(full.level == .authPriv)
        #expect(full.authProtocol == .sha256)
        #expect(full.authPassword.reveal() == "auth-secret-1")
        #expect(full.privacyProtocol == .aes256)
        #expect(full.privacyPassword.reveal() == "priv-secret-1")
        #expect(full.context == "vlan-10")
        let defaults = try #require(devices[1].v3)
        #expect(defaults.level == .authPriv)
        #expect(defaults.authProtocol == .sha)
        #expect(defaults.privacyProtocol == .aes)
        #expect(defaults.context == "")
        let open = try #require(devices[2].v3)
        #expect(open.level == .noAuthNoPriv)
        #expect(open.authPassword.reveal() == "")
    }
}
