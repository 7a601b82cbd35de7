import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// SNMPEngine against recorded devices served by snmpsim, compared with net-snmp's own tools.
@Suite(
    "SNMPEngine against recorded devices",
    .tags(.snmpsim),
    .sharedSNMPSim(
        ["recorded/linux-full-walk"], extraRecordings: [SNMPRecordings.valueTypesName: SNMPRecordings.valueTypes]))
struct SNMPEngineRecordingTests {
    static let linux = "recorded/linux-full-walk"

    @Test("a GETBULK walk of ifTable matches snmpbulkwalk varbind for varbind", arguments: [1, 7, 25])
    func interfaces(maxRepetitions: Int) async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(port: sim.port, community: sim.community(for: Self.linux))
        let ours = try await engine.walk(OID([1, 3, 6, 1, 2, 1, 2, 2]), from: target, maxRepetitions: maxRepetitions)
        let reference = try SNMPCommandLine.bulkWalk(
            port: sim.port, community: sim.community(for: Self.linux), oid: "1.3.6.1.2.1.2.2")
        #expect(ours.count == 44)
        SNMPTestSupport.expectSameWalk(ours, reference)
    }

    @Test("a walk of the whole recording matches snmpbulkwalk, every type included")
    func wholeDevice() async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(port: sim.port, community: sim.community(for: Self.linux))
        let ours = try await engine.walk(OID([1, 3, 6, 1]), from: target, maxRepetitions: 50)
        let reference = try SNMPCommandLine.bulkWalk(
            port: sim.port, community: sim.community(for: Self.linux), oid: "1.3.6.1", repetitions: 50)
        #expect(ours.count > 3000)
        SNMPTestSupport.expectSameWalk(ours, reference)
    }

    @Test("every value type displays as snmpbulkwalk prints it")
    func valueTypes() async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let community = sim.community(for: SNMPRecordings.valueTypesName)
        let target = SNMPTestSupport.target(port: sim.port, community: community)
        let ours = try await engine.walk(OID([1, 3, 6, 1, 4, 1, 99999]), from: target)
        let reference = try SNMPCommandLine.bulkWalk(port: sim.port, community: community, oid: "1.3.6.1.4.1.99999")
        #expect(ours.count == 17)
        SNMPTestSupport.expectSameWalk(ours, reference)
        #expect(ours.first?.value.textValue == "say \"hi\" \\ back")
        #expect(ours.first { $0.oid == OID([1, 3, 6, 1, 4, 1, 99999, 1, 9, 0]) }?.value == .float(10))
    }

    @Test("a v1 walk and a v2c walk of the system group agree")
    func v1AndV2cAgree() async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let community = sim.community(for: Self.linux)
        let system = OID([1, 3, 6, 1, 2, 1, 1])
        let v1 = try await engine.walk(
            system, from: SNMPTestSupport.target(port: sim.port, community: community, version: .v1))
        let v2 = try await engine.walk(system, from: SNMPTestSupport.target(port: sim.port, community: community))
        #expect(v1 == v2)
        #expect(v1.count == 31)
    }

    @Test("many concurrent walks all complete")
    func concurrentWalks() async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(
            port: sim.port, community: sim.community(for: Self.linux), timeout: .seconds(10))
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    (try? await engine.walk(OID([1, 3, 6, 1, 2, 1, 2, 2]), from: target, maxRepetitions: 10).count)
                        ?? -1
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 44, count: 20))
    }
}

extension SNMPEngineRecordingTests {
    @Test(
        "a column walk of ifTable and ifXTable matches snmpbulkwalk of each column", arguments: [1, 3, 25])
    func columnWalk(maxRepetitions: Int) async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let community = sim.community(for: Self.linux)
        let target = SNMPTestSupport.target(port: sim.port, community: community)
        let columns = [
            "1.3.6.1.2.1.2.2.1.2", "1.3.6.1.2.1.2.2.1.10", "1.3.6.1.2.1.31.1.1.1.1", "1.3.6.1.2.1.31.1.1.1.6",
        ]
        let absent = "1.3.6.1.4.1.99999.42"
        let roots = (columns + [absent]).compactMap { OID($0) }
        let ours = try await engine.walkColumns(roots, from: target, maxRepetitions: maxRepetitions)
        for column in columns {
            let reference = try SNMPCommandLine.bulkWalk(port: sim.port, community: community, oid: column)
            let root = try #require(OID(column))
            let walked = try #require(ours[root])
            #expect(!walked.isEmpty)
            #expect(walked.root == root)
            SNMPTestSupport.expectSameWalk(walked.varBinds, reference)
        }
        let absentRoot = try #require(OID(absent))
        #expect(ours[absentRoot] == SNMPColumn(root: absentRoot))
    }

    @Test("walking one column gives what snmpbulkwalk and the engine's plain walk give, on v2c and v1")
    func singleColumn() async throws {
        let sim = try SharedSNMPSim.fixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let community = sim.community(for: Self.linux)
        let ifDescr = "1.3.6.1.2.1.2.2.1.2"
        let root = try #require(OID(ifDescr))
        let reference = try SNMPCommandLine.bulkWalk(port: sim.port, community: community, oid: ifDescr)
        for version in [SNMPProtocolVersion.v2c, .v1] {
            var target = SNMPTestSupport.target(port: sim.port, community: community)
            target.version = version
            let column = try await engine.walkColumn(root, from: target, maxRepetitions: 4)
            #expect(column.root == root)
            SNMPTestSupport.expectSameWalk(column.varBinds, reference)
            #expect(column.varBinds == (try await engine.walk(root, from: target, maxRepetitions: 4)))
        }
        let absent = try #require(OID("1.3.6.1.4.1.99999.42"))
        let target = SNMPTestSupport.target(port: sim.port, community: community)
        #expect(try await engine.walkColumn(absent, from: target) == SNMPColumn(root: absent))
    }
}
