import Foundation
import HTTPProbe
import SNMPKit
import SNMPProbe
import Testing
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaMaintenance
import VedettaNotify
import VedettaRules

@Suite("ConfigLoader with the complete example in Fixtures/good")
struct ConfigLoaderTests {
    let configuration: VedettaConfiguration
    let directory: String

    init() throws {
        let path = try FixturePaths.goodConfig
        directory = try FixturePaths.root + "/good"
        configuration = try ConfigLoader.load(configFile: path, plugins: BuiltinKinds.configuration)
    }

    @Test("agent settings are read, with data_dir resolved against the config directory")
    func agent() {
        let agent = configuration.agent
        #expect(agent.dataDirectory == URL(fileURLWithPath: directory + "/state").standardizedFileURL.path)
        #expect(agent.listenHost == "::1")
        #expect(agent.listenPort == 9471)
        #expect(agent.defaultInterval == .seconds(120))
        #expect(agent.defaultTimeout == .seconds(10))
        #expect(agent.maxConcurrentProbes == 64)
    }

    @Test("a device with every SNMP key keeps each value")
    func fullSNMPDevice() throws {
        let device = try #require(configuration.devices.first)
        #expect(device.id == "core-switch")
        #expect(device.labels == ["site": "hq", "role": "switch"])
        #expect(device.interval == .seconds(30))
        #expect(device.timeout == .seconds(3))
        #expect(device.http == nil)
        #expect(device.location.line == 11)
        let snmp = try #require(device.snmp)
        #expect(snmp.host == "127.0.0.1")
        #expect(snmp.port == 1161)
        #expect(snmp.version == .v2c)
        #expect(snmp.community.reveal() == "s3cret")
        #expect(snmp.retries == 2)
        #expect(snmp.maxRepetitions == 10)
        #expect(snmp.profiles == ["system", "if-mib"])
    }

    @Test("a device that sets little gets the agent and SNMP defaults")
    func snmpDefaults() throws {
        let device = try #require(configuration.devices.dropFirst().first)
        #expect(device.id == "ups-1")
        #expect(device.labels.isEmpty)
        #expect(device.interval == .seconds(120))
        #expect(device.timeout == .seconds(10))
        let snmp = try #require(device.snmp)
        #expect(snmp.host == "ups.example.net")
        #expect(snmp.port == 161)
        #expect(snmp.version == .v1)
        #expect(snmp.community.reveal() == "public")
        #expect(snmp.retries == 1)
        #expect(snmp.maxRepetitions == 25)
    }

    @Test("an HTTP check keeps every value; the method is upper-cased")
    func httpCheck() throws {
        let device = try #require(configuration.devices.dropFirst(2).first)
        #expect(device.id == "crm")
        #expect(device.snmp == nil)
        let http = try #require(device.http)
        #expect(http.url == "https://crm.example/health")
        #expect(http.method == "HEAD")
        #expect(http.expectedStatus == [200, 204])
        #expect(http.bodyContains == "ok")
        #expect(http.headers == ["X-Check": "vedetta"])
        #expect(http.verifyTLS == false)
        #expect(http.followRedirects == false)
        #expect(http.maxRedirects == 3)
    }

    @Test("a device may have SNMP and HTTP; IPv6 addresses keep their zone")
    func bothChecks() throws {
        let device = try #require(configuration.devices.first { $0.id == "v6-router" })
        #expect(configuration.devices.count == 5)
        #expect(device.checks.map(\.kind) == ["snmp", "http"])
        #expect(device.checks.allSatisfy { $0.name == nil })
        #expect(device.snmp?.host == "fe80::1%eth0")
        #expect(device.snmp?.port == 1162)
        #expect(device.snmp?.address == "[fe80::1%eth0]:1162")
        #expect(device.http?.url == "http://[::1]:8080/")
        #expect(device.http?.method == "GET")
        #expect(device.http?.expectedStatus == [])
        #expect(device.http?.verifyTLS == true)
    }

    @Test("a device may have several named checks of one kind, each its own series")
    func namedChecks() throws {
        let device = try #require(configuration.devices.first { $0.id == "ivr" })
        #expect(device.checks.map(\.kind) == ["http", "http"])
        #expect(device.checks.map(\.name) == ["login", "api"])
        #expect(
            device.checks.map(\.settings.address) == ["https://ivr.example/login", "https://ivr.example/api/health"])
        let api = try #require(device.checks("http", as: HTTPCheckConfiguration.self).last)
        #expect(api.expectedStatus == [204])
    }

    @Test("the store is the SQLite file named, relative to the data directory")
    func store() throws {
        let store = try #require(configuration.store)
        #expect(store.kind == "sqlite")
        #expect(store.settings.location == URL(fileURLWithPath: directory + "/state/incidents.db").path)
    }

    @Test("profiles are read from .yaml and .yml files; other files are ignored")
    func profiles() throws {
        #expect(configuration.snmpProfiles.keys.sorted() == ["if-mib", "system"])
        let system = try #require(configuration.snmpProfiles["system"])
        #expect(system.description == "SNMPv2-MIB system group")
        #expect(system.location.file.hasSuffix("good/probes/system.yaml"))
        #expect(
            system.scalars == [
                SNMPScalarMetric(
                    name: "sysUpTime",
                    oid: OID([1, 3, 6, 1, 2, 1, 1, 3, 0]),
                    type: .gauge,
                    scale: 0.01,
                    help: "Time since the agent started, in seconds."
                ),
                SNMPScalarMetric(name: "sysDescr", oid: OID([1, 3, 6, 1, 2, 1, 1, 1, 0]), type: .info),
            ]
        )
        let ifMIB = try #require(configuration.snmpProfiles["if-mib"])
        #expect(ifMIB.scalars.isEmpty)
        #expect(ifMIB.tables.map(\.name) == ["interfaces", "addresses"])
        let interfaces = try #require(ifMIB.tables.first)
        #expect(interfaces.index == [SNMPIndexComponent(name: "ifIndex", encoding: .integer)])
        #expect(interfaces.labels == [SNMPColumnLabel(name: "ifName", oid: OID([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1]))])
        #expect(interfaces.metrics.map(\.name) == ["ifHCInOctets", "ifOperStatus"])
        #expect(interfaces.metrics.first?.type == .counter)
        #expect(interfaces.metrics.first?.help == "Octets received.")
        #expect(ifMIB.tables.last?.index.map(\.encoding) == [.ipAddress, .rest])
    }

    @Test("parents make the topology: several parents are redundant paths")
    func parents() throws {
        let topology = configuration.topology
        #expect(topology.parents(of: "ups-1") == ["core-switch"])
        #expect(topology.parents(of: "crm") == ["core-switch", "v6-router"])
        #expect(topology.children(of: "core-switch") == ["crm", "ups-1"])
        #expect(topology.descendants(of: "v6-router") == ["crm"])
        #expect(topology.cycle() == nil)
        let crm = try #require(configuration.devices.first { $0.id == "crm" })
        #expect(crm.parents.map(\.location.line) == [34, 34])
    }

    @Test("constants are read in file order as numbers; a device without any has none")
    func constants() throws {
        let ups = try #require(configuration.devices.first { $0.id == "ups-1" })
        #expect(
            ups.constants == [
                DeviceConstant(name: "ups_load_capacity_watts", value: 3000),
                DeviceConstant(name: "battery_age_limit_years", value: 4.5),
            ])
        #expect(configuration.devices.first { $0.id == "crm" }?.constants == [])
    }

    @Test("rules are read in file order with defaults for what they leave out")
    func rules() throws {
        #expect(configuration.rules.map(\.name) == ["DeviceUnreachable", "InterfaceDown", "InterfaceTraffic"])
        let unreachable = try #require(configuration.rules.first)
        #expect(unreachable.expressionText == "up{probe=\"http\"} == 0")
        #expect(unreachable.expression == (try RuleExpression.parse("up{probe=\"http\"} == 0")))
        #expect(unreachable.holdDuration == .zero)
        #expect(unreachable.keepFiringFor == .zero)
        #expect(unreachable.clearExpression == nil)
        #expect(unreachable.marksDeviceDown)
        #expect(unreachable.noData == nil)
        #expect(unreachable.flapping == .standard)
        #expect(configuration.rules[1].flapping == nil)
        #expect(
            configuration.rules[2].flapping == FlappingPolicy(changes: 5, window: .seconds(7200), settle: .seconds(900))
        )
        #expect(configuration.rules[1].noData == NoDataPolicy(state: .alert, after: .seconds(900), severity: .critical))
        #expect(configuration.rules.dropFirst().allSatisfy { !$0.marksDeviceDown })
        #expect(unreachable.severity == .warning)
        #expect(unreachable.summary == "")
        #expect(unreachable.labels.isEmpty)

        let down = configuration.rules[1]
        #expect(down.holdDuration == .seconds(300))
        #expect(down.severity == .critical)
        #expect(down.summary == "{{ $labels.ifName }} on {{ $labels.device }} is down")
        #expect(down.description == "The interface has been down for five minutes.\n")
        #expect(down.labels == ["team": "network"])
        #expect(down.location.line == 2)
        #expect(down.location.file.hasSuffix("good/alerts/network.yaml"))

        let traffic = configuration.rules[2]
        #expect(traffic.expressionText == "rate(ifHCInOctets[5m]) > 1000000 unless maintenance == 1\n")
        guard
            case .binary(
                .set(.unless),
                .binary(.comparison(.greater, false), .rate(let selector, let window), .number(1_000_000), _),
                _, _) = traffic.expression
        else {
            Issue.record("unexpected expression \(traffic.expression)")
            return
        }
        #expect(selector.name == "ifHCInOctets")
        #expect(window == .seconds(300))
        #expect(traffic.keepFiringFor == .seconds(600))
        #expect(traffic.clearText == "rate(ifHCInOctets[5m]) < 500000")
        #expect(traffic.clearExpression == (try RuleExpression.parse("rate(ifHCInOctets[5m]) < 500000")))
    }

    @Test("webhooks get their timeout default and secret headers")
    func webhooks() throws {
        #expect(configuration.webhooks.map(\.name) == ["oncall", "chat"])
        let oncall = configuration.webhooks[0]
        #expect(oncall.url == "http://127.0.0.1:9999/hook")
        #expect(oncall.timeout == .seconds(15))
        #expect(oncall.headers["Authorization"]?.reveal() == "Bearer abc123")
        #expect("\(oncall.headers)".contains("abc123") == false)
        #expect(configuration.webhooks[1].timeout == .seconds(10))
        #expect(configuration.webhooks[1].headers.isEmpty)
    }

    @Test("every file read is listed, root first")
    func files() throws {
        let names = configuration.files.map { $0.replacingOccurrences(of: directory + "/", with: "") }
        #expect(
            names == [
                "vedetta.yaml", "probes/if-mib.yml", "probes/system.yaml", "alerts/applications.yaml",
                "alerts/network.yaml", "maintenance/call-center.yaml",
            ]
        )
    }

    @Test("summary counts devices, profiles, rules, webhooks and maintenance windows")
    func summary() {
        #expect(
            ConfigLoader.summary(of: configuration, plugins: BuiltinKinds.configuration)
                == "5 devices, 2 profiles, 3 rules, 2 webhooks, 2 maintenance windows")
    }

    @Test("maintenance windows are read from maintenance/ with the agent's time zone as default")
    func maintenance() throws {
        #expect(configuration.agent.timeZone.identifier == "Europe/Rome")
        let windows = configuration.maintenance
        #expect(windows.map(\.name) == ["crm-db-backup", "pbx-patch-night"])
        #expect(windows.allSatisfy { $0.origin == .configuration(file: "maintenance/call-center.yaml") })
        #expect(windows[0].createdBy == "maintenance/call-center.yaml")
        let backup = windows[0].definition
        #expect(backup.scope.description == "device=\"crm-db-01\"")
        #expect(backup.schedule.duration == .seconds(5400))
        #expect(backup.schedule.recurrence?.description == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        #expect(backup.schedule.exceptions.map(\.description) == ["2026-12-25T01:00"])
        #expect(backup.reason == "Nightly backup of the CRM database (CHG-100)")
        let patch = windows[1].definition
        #expect(patch.scope.description == "role=\"pbx\", site=~\"milano|roma\"")
        #expect(patch.schedule.duration == .seconds(4 * 3600))
        #expect(patch.schedule.recurrence?.description == "FREQ=MONTHLY;BYDAY=-1FR")
    }
}
