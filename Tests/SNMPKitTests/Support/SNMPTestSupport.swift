import Logging
import SNMPKit
import Testing
import VedettaCore
import VedettaTestSupport

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
