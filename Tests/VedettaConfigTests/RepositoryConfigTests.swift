import ExecProbe
import Foundation
import HTTPProbe
import ICMPKit
import ICMPProbe
import SIPKit
import SIPProbe
import SNMPKit
import SNMPProbe
import SocketKit
import TCPKit
import TCPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaNotify
import VedettaOnCall
import VedettaRules

@Suite("The repository's probes/, alerts/ and deploy/vedetta.yaml load without errors")
struct RepositoryConfigTests {
    static let deployConfig = FixturePaths.repositoryRoot + "/deploy/vedetta.yaml"

    @Test("every profile in probes/ and every rule file in alerts/ loads")
    func probesAndAlerts() throws {
        let root = FixturePaths.repositoryRoot
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            "vedetta.yaml",
            """
            probes_dir: \(root)/probes
            alerts_dir: \(root)/alerts
            """
        )
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        } catch {
            Issue.record("the repository's profiles or rules do not load:\n\(error)")
            return
        }
        let profileFiles = try yamlFiles(in: root + "/probes")
        let ruleFiles = try yamlFiles(in: root + "/alerts")
        #expect(configuration.snmpProfiles.count == profileFiles.count, "one profile per file in probes/")
        #expect(!configuration.rules.isEmpty)
        #expect(configuration.files.count == 1 + profileFiles.count + ruleFiles.count)
    }

    @Test("deploy/vedetta.yaml, the demo configuration, loads")
    func deployExample() throws {
        do {
            let configuration = try ConfigLoader.load(
                configFile: Self.deployConfig, plugins: BuiltinKinds.configuration)
            #expect(
                configuration.devices.map(\.id.rawValue) == [
                    "lab-switch", "crm-db-01", "ups-floor-1", "crm-web", "ivr-api",
                ])
            #expect(configuration.webhooks.map(\.name) == ["oncall"])
            #expect(configuration.oncall.people.map(\.name) == ["marco", "giulia", "luca", "anna", "paolo"])
            #expect(configuration.oncall.schedules.map(\.name) == ["noc", "team-lead"])
            let policy = try #require(configuration.oncall.policy("noc"))
            #expect(policy.repeats == 1)
            #expect(
                policy.steps.map(\.targets) == [
                    [.schedule("noc", via: ["oncall"])], [.schedule("team-lead", via: ["oncall"])],
                ])
            #expect(policy.steps.map(\.wait) == [.seconds(600), .seconds(900)])
            #expect(configuration.routes?.map(\.escalation?.name) == ["noc", nil])
            #expect(configuration.agent.publicURL == "http://127.0.0.1:9470")
            let noc = try #require(configuration.oncall.schedule("noc"))
            #expect(noc.layers.map(\.name) == ["round-the-clock", "office-hours"])
            #expect(noc.layers[1].restrictions.map(\.description) == ["MO,TU,WE,TH,FR 08:00-18:00"])
            #expect(configuration.oncall.person("giulia")?.zone.identifier == "Europe/Rome", "the agent's zone")
            #expect(configuration.oncall.person("anna")?.language == .en)
        } catch {
            Issue.record("deploy/vedetta.yaml does not load:\n\(error)")
        }
    }

    @Test(
        "each probe kind's example configuration loads with what it shows",
        arguments: [
            ("snmp", ["access-switch-2f", "crm-db-01", "core-router-v3", "ups-server-room"]),
            ("http", ["crm-web", "ivr-api", "crm-health"]),
            ("exec", ["pbx-milano", "crm-db-01"]),
            ("icmp", ["router-milano", "sbc-roma", "pbx-milano"]),
            ("tcp", ["pbx-milano", "crm-mail"]),
            ("sip", ["pbx-milano", "carrier-1"]),
            ("traps", ["access-switch-2f", "core-router-roma", "ups-server-room"]),
        ]
    )
    func probeKindExample(kind: String, devices: [String]) throws {
        let path = FixturePaths.repositoryRoot + "/probes/examples/\(kind).yaml"
        let configuration: VedettaConfiguration
        do {
            configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
        } catch {
            Issue.record("probes/examples/\(kind).yaml does not load:\n\(error)")
            return
        }
        #expect(configuration.devices.map(\.id.rawValue) == devices)
        switch kind {
        case "snmp":
            let first = try #require(configuration.devices.first?.snmp)
            #expect(first.profiles == ["system", "if-mib"])
            #expect(first.maxRepetitions == 25)
            #expect(configuration.devices.last?.snmp?.version == .v1)
            let secure = try #require(configuration.devices.first { $0.snmp?.version == .v3 }?.snmp?.v3)
            #expect(secure.userName == "vedetta")
            #expect(secure.authProtocol == .sha256)
        case "icmp":
            let router = try #require(configuration.devices.first?.checks.first?.settings as? ICMPCheckConfiguration)
            #expect(router.host == "192.0.2.1")
            #expect(router.ping == PingSettings())
            let sbc = try #require(configuration.devices[1].checks.first?.settings as? ICMPCheckConfiguration)
            #expect(
                sbc.ping
                    == PingSettings(
                        packets: 5, interval: .milliseconds(200), timeout: .milliseconds(500), payloadSize: 56,
                        family: .ipv6))
            #expect(sbc.timeout == .milliseconds(1_400))
            #expect(configuration.devices[2].checks.map(\.kind) == ["snmp", "icmp"])
        case "tcp":
            let pbx = configuration.devices[0].checks.compactMap { $0.settings as? TCPCheckConfiguration }
            #expect(pbx.map(\.address) == ["192.0.2.10:5061", "192.0.2.10:22"])
            #expect(pbx.first?.request.tls == TLSSettings())
            #expect(pbx.last?.request.expect == Array("SSH-".utf8))
            let mail = try #require(configuration.devices[1].checks.first?.settings as? TCPCheckConfiguration)
            #expect(
                mail.request
                    == ConnectRequest(
                        host: "mail.example.com", port: 465, family: .ipv4,
                        tls: TLSSettings(
                            verify: true, serverName: "mail.example.com", caFile: "/etc/vedetta/private-ca.pem"),
                        send: Array("QUIT\r\n".utf8), expect: Array("220 ".utf8)))
        case "sip":
            let pbx = try #require(
                configuration.devices[0].checks.lazy.compactMap { $0.settings as? SIPCheckConfiguration }.first)
            #expect(pbx.request == SIPOptionsRequest(uri: SIPURI(host: "192.0.2.10")))
            #expect(pbx.expectedStatus.isEmpty)
            let trunk = try #require(configuration.devices[1].checks.first?.settings as? SIPCheckConfiguration)
            #expect(trunk.request.uri.description == "sips:trunk@sbc.carrier.example:5061")
            #expect(trunk.request.transport == .tls)
            #expect(trunk.expectedStatus == [200, 401, 403, 404])
            #expect(trunk.request.fromUser == "vedetta-milano")
            #expect(
                trunk.request.tls
                    == TLSSettings(
                        verify: true, serverName: "sbc.carrier.example", caFile: "/etc/vedetta/carrier-ca.pem"))
            #expect(trunk.accepts(404) && !trunk.accepts(503))
        case "traps":
            let traps = try #require(configuration.receivers.first?.settings as? SNMPTrapConfiguration)
            #expect(traps.receiver.listen == ["udp:0.0.0.0:162", "udp6:[::]:162"])
            #expect(traps.receiver.communities == ["public", "traps-milano"])
            #expect(traps.queue == 20_000)
            let user = try #require(traps.receiver.users.first)
            #expect(user.security.userName == "vedetta-traps")
            #expect(user.security.authProtocol == .sha256)
            #expect(user.engineIDs == [[0x80, 0, 0, 0x09, 0x03, 0, 0, 0xc1, 0xb1, 0xc2, 0xc3, 0xc4]])
            #expect(configuration.trapRules.map(\.name).contains("PortDownTrap"))
        case "exec":
            let pbx = try #require(configuration.devices.first?.exec.first)
            #expect(pbx.command.prefix(3) == ["/usr/lib/nagios/plugins/check_tcp", "-H", "192.0.2.10"])
            let crm = try #require(configuration.devices.last)
            #expect(crm.checks.map(\.name) == ["disk-data", "ntp", "site-script"])
            #expect(crm.exec.first?.timeout == .seconds(20))
            let script = try #require(crm.exec.last)
            #expect(script.environment == ["LC_ALL": "C", "CRM_API": "https://crm.example.com/api"])
            #expect(script.passEnvironment == ["HOME"])
            #expect(script.user == "nagios")
            #expect(
                script.resolvedEnvironment(from: ["HOME": "/var/lib/vedetta", "SECRET": "x"]) == [
                    "LC_ALL": "C", "CRM_API": "https://crm.example.com/api", "HOME": "/var/lib/vedetta",
                    "PATH": ExecCheckConfiguration.defaultPath,
                ])
        default:
            let first = try #require(configuration.devices.first?.http)
            #expect(first.expectedStatus == [200])
            #expect(first.bodyContains == #""status":"ok""#)
            #expect(configuration.devices.last?.http?.accepts(status: 204) == true)
        }
    }

    private func yamlFiles(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
    }
}
