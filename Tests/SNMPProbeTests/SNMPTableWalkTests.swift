import SNMPKit
import SNMPProbe
import Testing
import VedettaConfig
import VedettaCore
import VedettaProbes
import VedettaTestSupport

/// How a probe walks several tables: all their columns in one column walk, and when that walk meets a broken
/// object, table by table and then column by column, so that only the broken column is lost. Against snmpsim
/// serving a recording whose one object answers `genErr` (snmpsim's `error` variation module).
@Suite(
    "SNMPProbe walks several tables together",
    .tags(.snmpsim),
    .sharedSNMPSim(
        [],
        extraRecordings: [
            TwoTables.healthy: TwoTables.recording(broken: false), TwoTables.broken: TwoTables.recording(broken: true),
        ]))
struct SNMPTableWalkTests {
    @Test("the columns of two profiles' tables come back whole from one walk")
    func together() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TwoTables.profiles(), port: sim.port, community: sim.community(for: TwoTables.healthy))
        #expect(result.outcome == .success)
        for (table, base) in [(1, 100), (2, 200)] {
            for column in 1...2 {
                for row in 1...3 {
                    #expect(result.value("t\(table)c\(column)", ["row": "\(row)"]) == Double(base + 10 * column + row))
                }
            }
        }
        #expect(result.samples.count == 12)
    }

    /// On SNMPv1, whose GETNEXT asks for one value per column: a GETBULK's repetitions run past the end of a
    /// column into the objects after it, so on v2c every walk that starts before the broken object meets it.
    @Test("a genErr in one table's column loses that column only (v1): the other table and column are read")
    func brokenColumn() async throws {
        let sim = try SharedSNMPSim.fixture()
        let result = await SNMPProbeTestSupport.run(
            try TwoTables.profiles(), port: sim.port, community: sim.community(for: TwoTables.broken), version: .v1)
        // An error-status is the device's answer about one object, not a failed run.
        #expect(result.outcome == .success)
        for column in 1...2 {
            for row in 1...3 {
                #expect(result.value("t1c\(column)", ["row": "\(row)"]) == Double(100 + 10 * column + row))
            }
        }
        for row in 1...3 {
            #expect(result.value("t2c1", ["row": "\(row)"]) == Double(200 + 10 + row))
        }
        #expect(result.sample("t2c2") == nil)
        #expect(result.samples.count == 9)
    }
}

/// A device with two tables, served by snmpsim, and one profile per table.
enum TwoTables {
    static let healthy = "tables-healthy"
    static let broken = "tables-broken"
    static let location = SourceLocation(file: "test.yaml", line: 1, column: 1)
    static let enterprise = "1.3.6.1.4.1.99999"

    /// Two tables of two columns and three rows each (table 1 under `enterprise`.1.1.1, table 2 under
    /// `enterprise`.2.1.1); with `broken`, table 2's second column answers `genErr` at its second row.
    static func recording(broken: Bool) -> String {
        var lines = ["1.3.6.1.2.1.1.3.0|67|4200"]
        for (table, base) in [(1, 100), (2, 200)] {
            for column in 1...2 {
                for row in 1...3 {
                    let oid = "\(enterprise).\(table).1.1.\(column).\(row)"
                    let value = base + 10 * column + row
                    lines.append(
                        broken && table == 2 && column == 2 && row == 2
                            ? "\(oid)|2:error|op=any,status=genError" : "\(oid)|2|\(value)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One profile per table, so that the walk spans profiles as the shipped ones do.
    static func profiles() throws -> [SNMPProfile] {
        try [1, 2].map { table in
            let columns = try [1, 2].map { column in
                SNMPColumnMetric(
                    name: "t\(table)c\(column)", oid: try #require(OID("\(enterprise).\(table).1.1.\(column)")),
                    type: .gauge)
            }
            let rows = SNMPTable(
                name: "table\(table)", index: [SNMPIndexComponent(name: "row", encoding: .integer)], labels: [],
                metrics: columns)
            return SNMPProfile(name: "table\(table)", tables: [rows], location: location)
        }
    }
}
