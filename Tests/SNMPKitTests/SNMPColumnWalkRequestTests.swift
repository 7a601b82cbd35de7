import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

/// How many requests a column walk costs a real agent: snmpd counts the messages it receives (`snmpInPkts`).
@Suite("Column walk requests against snmpd", .tags(.snmpd))
struct SNMPColumnWalkRequestTests {
    /// The ifTable and ifXTable columns the shipped `if-mib` profile walks.
    static let interfaceColumns: [OID] =
        [2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 16, 17, 19, 20].map { OID([1, 3, 6, 1, 2, 1, 2, 2, 1, $0]) }
        + [1, 18, 15, 6, 7, 8, 9, 10, 11, 12, 13].map { OID([1, 3, 6, 1, 2, 1, 31, 1, 1, 1, $0]) }
    static let inPackets = OID([1, 3, 6, 1, 2, 1, 11, 1, 0])
    static let ifNumber = OID([1, 3, 6, 1, 2, 1, 2, 1, 0])

    /// snmpd answers a GETBULK with at most 100 values, whole repetitions only: 16 columns get 6 rows a request,
    /// the other 10 get 10 (all 26 at once would get 3). A group's walk ends with the response that reaches past
    /// its last row.
    @Test("26 interface columns: 16 per GETBULK, so each response fills snmpd's 100 values as nearly as it can")
    func requestsPerWalk() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(port: agent.port, community: agent.community)
        let before = try await engine.get([Self.inPackets, Self.ifNumber], from: target)
        let walked = try await engine.walkColumns(Self.interfaceColumns, from: target, maxRepetitions: 25)
        let after = try await engine.get([Self.inPackets], from: target)
        let rows = try #require(before[1].value.numericValue.map { Int($0) })
        let received = try #require(after[0].value.numericValue).rounded() - #require(before[0].value.numericValue)
        // Each get counts itself before it is answered: the walk's requests are the difference less the last get.
        #expect(Int(received) - 1 == rows / 6 + 1 + rows / 10 + 1, "\(rows) interfaces")
        #expect(walked.count == Self.interfaceColumns.count)
        #expect(walked.values.allSatisfy { $0.values.count == rows })
    }

    /// The probe hands each walk the sizes of the previous one, so that a column of hundreds of rows gets its room
    /// at once: a hint is only room, never a limit or a shape.
    @Test("a walk given the columns' previous sizes, too small ones, or a wrong number of them reads the same rows")
    func expectedSizes() async throws {
        let agent = try await SNMPAgentFixture()
        let engine = SNMPEngine(logger: SNMPTestSupport.logger)
        defer { engine.shutdown() }
        let target = SNMPTestSupport.target(port: agent.port, community: agent.community)
        let roots = Self.interfaceColumns
        let plain = try await engine.walkColumns(roots, from: target, maxRepetitions: 25)
        let previous = roots.compactMap { plain[$0]?.size }
        #expect(previous.count == roots.count && previous.allSatisfy { $0.rows > 0 && $0.indexComponents > 0 })
        let tooSmall = Array(repeating: SNMPColumn.Size(rows: 1, indexComponents: 1), count: roots.count)
        for sizes in [previous, tooSmall, Array(previous.dropLast())] {
            let sized = try await engine.walkColumns(roots, from: target, maxRepetitions: 25, expectedSizes: sizes)
            // The same rows (the counters of snmpd's interfaces move between the walks: their values may not).
            #expect(roots.allSatisfy { sized[$0]?.indexes == plain[$0]?.indexes })
            #expect(roots.compactMap { sized[$0]?.size } == previous)
        }
        // A root named twice is walked once; its sizes are matched by root.
        let twice = try await engine.walkColumns(
            roots + [roots[0]], from: target, maxRepetitions: 25, expectedSizes: previous + [previous[0]])
        #expect(roots.compactMap { twice[$0]?.size } == previous)
    }
}
