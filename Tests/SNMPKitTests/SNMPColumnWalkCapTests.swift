import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// How many requests a column walk costs an agent that caps a GETBULK answer at 64 values (snmpsim, as pysnmp):
/// the requests are counted by a relay between the engine and snmpsim (`UDPResponderFixture` in proxy mode).
@Suite("Column walk requests against snmpsim's 64-value answers", .tags(.snmpsim))
struct SNMPColumnWalkCapTests {
    /// A table of 27 columns (as many as the shipped `if-mib` profile walks on a router) and 91 rows (the Juniper
    /// MX960 recording's interfaces), under a private enterprise number.
    static let columns = 27
    static let rows = 91
    static let name = "vedetta/wide-table"
    static let table = OID([1, 3, 6, 1, 4, 1, 99_999, 1, 1])

    static var recording: String {
        (1...columns).flatMap { column in
            (1...rows).map { row in "\(table).\(column).\(row)|2|\(column * 1000 + row)" }
        }.joined(separator: "\n") + "\n"
    }

    /// The first answer (16 columns, 4 rows each) shows the cap; the 11 columns left then go as 8 (8 rows an
    /// answer) and 3 (21 rows), each answer 63 or 64 values, instead of 11 at once (5 rows, 55 values). A group's
    /// walk ends with the answer that reaches past its last row: 23 + 12 + 5 requests, where 16 and 11 took 23 + 19.
    @Test("27 columns of 91 rows: the last 11 columns are split to fill the answers, 40 requests instead of 42")
    func requestsFillTheCap() async throws {
        let sim = try await SNMPSimFixture(recordings: [], extraRecordings: [Self.name: Self.recording])
        let relay = try await UDPResponderFixture(.proxy(upstreamPort: sim.port))
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(port: relay.port, community: sim.community(for: Self.name))
        let roots = (1...Self.columns).map { OID(Self.table.components + [UInt32($0)]) }
        // A first walk lets snmpsim index the recording (its first answers are slow enough to be asked again).
        _ = try await engine.walkColumns(roots, from: target, maxRepetitions: 25)
        let before = relay.requestCount
        let walked = try await engine.walkColumns(roots, from: target, maxRepetitions: 25)
        #expect(relay.requestCount - before == 40)
        #expect(walked.count == Self.columns)
        for (column, root) in roots.enumerated() {
            let values = walked[root]?.values.compactMap(\.numericValue) ?? []
            #expect(values == (1...Self.rows).map { Double((column + 1) * 1000 + $0) }, "column \(column + 1)")
        }
    }
}
