import Logging
import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

extension Tag {
    /// Tests that start a real snmpd.
    @Tag static var snmpd: Self
    /// Tests that start snmpsim with recorded devices.
    @Tag static var snmpsim: Self
}

/// Starts one snmpsim for a whole suite and stops it when the suite ends (a suite trait), so the slow start-up
/// (Python, indexing recordings) is paid once. Tests read ``current``.
struct SharedSNMPSim: SuiteTrait, TestScoping {
    /// The running simulator of the enclosing suite.
    @TaskLocal static var current: SNMPSimFixture?

    let recordings: [String]
    let extraRecordings: [String: String]

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let fixture = try await SNMPSimFixture(recordings: recordings, extraRecordings: extraRecordings)
        defer { fixture.stop() }
        try await SharedSNMPSim.$current.withValue(fixture) {
            try await function()
        }
    }

    /// The suite's simulator, or a failure when the trait is missing.
    static func fixture() throws -> SNMPSimFixture {
        try #require(current, "the suite needs the .sharedSNMPSim trait")
    }
}

extension Trait where Self == SharedSNMPSim {
    /// Runs the suite against one snmpsim serving `recordings` plus `extraRecordings` (name: snmprec text).
    static func sharedSNMPSim(_ recordings: [String], extraRecordings: [String: String] = [:]) -> Self {
        SharedSNMPSim(recordings: recordings, extraRecordings: extraRecordings)
    }
}

/// Helpers shared by the SNMPKit tests.
enum SNMPTestSupport {
    /// A logger that discards everything (tests assert on values, not logs).
    static let logger = Logger(label: "vedetta.tests.snmpkit") { _ in SwiftLogNoOpLogHandler() }

    /// Settings for an agent on 127.0.0.1 with generous timeouts for a loaded CI machine.
    static func target(
        port: Int,
        community: String,
        version: SNMPProtocolVersion = .v2c,
        timeout: Duration = .seconds(3),
        retries: Int = 1
    ) -> SNMPTargetSettings {
        SNMPTargetSettings(
            host: "127.0.0.1", port: port, version: version, community: Secret(community), timeout: timeout,
            retries: retries)
    }

    /// Runs `body` and captures its typed outcome, for `async let`.
    static func outcome(
        _ body: @Sendable () async throws(SNMPError) -> [SNMPVarBind]
    ) async -> Result<[SNMPVarBind], SNMPError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// Compares an SNMPKit walk with what net-snmp's CLI printed, varbind for varbind: OID, type name and value
    /// (whitespace-normalised). Values of types listed in `volatileTypes` are compared by type only.
    ///
    /// When a walk runs into the end of the agent's MIB view, snmpbulkwalk prints the `endOfMibView` exceptions
    /// of its last response too; they are not values (a walk ends there), so they are left out of the comparison.
    static func expectSameWalk(
        _ ours: [SNMPVarBind],
        _ printed: [SNMPCommandLine.PrintedVarBind],
        volatileTypes: Set<String> = [],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let reference = printed.filter { $0.type != "endOfMibView" }
        #expect(ours.count == reference.count, "varbind count differs", sourceLocation: sourceLocation)
        for (mine, theirs) in zip(ours, reference) {
            #expect(mine.oid.description == theirs.oid, sourceLocation: sourceLocation)
            #expect(mine.value.typeName == theirs.type, "type of \(theirs.oid)", sourceLocation: sourceLocation)
            if !volatileTypes.contains(theirs.type) {
                #expect(
                    SNMPCommandLine.normalized(mine.value.displayValue) == SNMPCommandLine.normalized(theirs.value),
                    "value of \(theirs.oid)", sourceLocation: sourceLocation)
            }
        }
    }
}
