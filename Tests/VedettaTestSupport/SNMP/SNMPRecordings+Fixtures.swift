public import Foundation

/// Hand-written recordings kept as files in `Tests/Fixtures/snmprec/`, for vendors snmpsim-data lacks. Each file
/// is a whole device (system group, IF-MIB, ENTITY-MIB, ENTITY-SENSOR-MIB and the vendor's own objects), sorted
/// by OID as snmpsim requires, with the value types the real device returns.
extension SNMPRecordings {
    /// A Cisco Catalyst 2960-24TT-L on IOS 15.0(2)SE11 (sysObjectID 1.3.6.1.4.1.9.1.716): six interfaces,
    /// an entity tree with three sensors, CISCO-PROCESS-MIB, CISCO-MEMORY-POOL-MIB, CISCO-ENHANCED-MEMPOOL-MIB
    /// (rows as IOS 15 platforms report them) and CISCO-ENVMON-MIB.
    public static let ciscoCatalyst2960Name = "vedetta/cisco-catalyst-2960"

    /// A Juniper MX104 on Junos 18.4R3-S9 (sysObjectID 1.3.6.1.4.1.2636.1.1.1.2.97): six interfaces (with
    /// 10G and logical units), an entity tree with three sensors (one unavailable), the JUNIPER-MIB box scalars
    /// and jnxOperatingTable (PEM 1 down, the routing engine running).
    public static let juniperMX104Name = "vedetta/juniper-mx104"

    /// Asterisk 20 on Debian 12 with res_snmp as a net-snmp sub-agent (sysObjectID 1.3.6.1.4.1.8072.3.2.10):
    /// two interfaces, the sysORTable entry of ASTERISK-MIB, three calls on six channels, five channel types.
    public static let asteriskPBXName = "vedetta/asterisk-pbx"

    /// Strings that stress label values (CR LF, quotes, backslashes, Latin-1, control characters, a 2,000-byte
    /// value, tabs and trailing NULs, Italian UTF-8, the empty string) under enterprise 99998, polled with the
    /// test profile `Tests/Fixtures/profiles/label-texts.yaml`.
    public static let labelTextsName = "vedetta/label-texts"

    /// Real devices from snmpsim-data whose `/metrics` the exposition tests check with real parsers: the Cisco IOS
    /// switches whose multi-line `sysDescr` once broke every scrape, a Nexus, a Juniper MX960, a Palo Alto
    /// firewall, a Windows server, a Linux host and the UPSs the other tests use.
    public static let realDevices = [
        "recorded/linux-full-walk", "UPS/eaton-93e-80", "UPS/apc-8641", "network/switch/cisco-c3560",
        "network/switch/cisco-c3750", "network/switch/cisco-n5000", "network/router/juniper-mx960-13-3r9-13",
        "network/firewall/paloalto-pa-5000", "os/windows/server-2003-5-2",
    ]

    /// `Tests/Fixtures/snmprec/` in the repository.
    public static var fixtureDirectory: URL {
        RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/snmprec")
    }

    /// The file behind a recording name such as ``ciscoCatalyst2960Name``: `<fixtureDirectory>/<last part>.snmprec`.
    public static func fixtureFile(for name: String) -> URL {
        let file = name.split(separator: "/").last.map(String.init) ?? name
        return fixtureDirectory.appendingPathComponent(file + ".snmprec")
    }

    /// The text of the recording `name`, or an empty recording when the file cannot be read (the tests that use
    /// it then fail on missing samples, and the fixture-format test names the file).
    public static func fixture(_ name: String) -> String {
        (try? String(contentsOf: fixtureFile(for: name), encoding: .utf8)) ?? ""
    }

    /// Every recording of `Tests/Fixtures/snmprec/` by name, for ``SNMPSimFixture/init(recordings:extraRecordings:)``.
    public static var vendorDevices: [String: String] {
        Dictionary(
            uniqueKeysWithValues: [ciscoCatalyst2960Name, juniperMX104Name, asteriskPBXName].map { ($0, fixture($0)) })
    }
}
