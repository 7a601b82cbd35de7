import CurlKit
import Logging
import Testing

extension Tag {
    /// Tests that start the Python HTTP fixture server.
    @Tag static var httpServer: Self
}

/// A logger for tests; output goes nowhere unless a handler is bootstrapped.
let testLogger = Logger(label: "vedetta.tests.curl")

/// Performs `request` and returns the error it throws, or records an issue when it succeeds.
func expectFailure(
    _ engine: CurlEngine,
    _ request: HTTPRequest,
    sourceLocation: SourceLocation = #_sourceLocation
) async -> CurlError? {
    do {
        let response = try await engine.perform(request, logger: testLogger)
        Issue.record("expected a failure, got HTTP \(response.status)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
