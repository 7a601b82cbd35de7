public import Testing

extension Tag {
    /// Tests that start a real snmpd.
    @Tag public static var snmpd: Self
    /// Tests that start snmpsim with recorded devices.
    @Tag public static var snmpsim: Self
}

/// Starts one snmpsim for a whole suite and stops it when the suite ends (a suite trait), so the slow start-up
/// (Python, indexing recordings) is paid once. Tests read ``fixture()``.
public struct SharedSNMPSim: SuiteTrait, TestScoping {
    /// The running simulator of the enclosing suite.
    @TaskLocal public static var current: SNMPSimFixture?

    let recordings: [String]
    let extraRecordings: [String: String]

    /// Starts the simulator around the suite.
    public func provideScope(
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
    public static func fixture() throws -> SNMPSimFixture {
        try #require(current, "the suite needs the .sharedSNMPSim trait")
    }
}

extension Trait where Self == SharedSNMPSim {
    /// Runs the suite against one snmpsim serving `recordings` plus `extraRecordings` (name: snmprec text).
    public static func sharedSNMPSim(_ recordings: [String], extraRecordings: [String: String] = [:]) -> Self {
        SharedSNMPSim(recordings: recordings, extraRecordings: extraRecordings)
    }
}
