import Logging
import Testing

extension Tag {
    /// Tests that start the Python HTTP fixture server.
    @Tag static var httpServer: Self
}

/// A logger for tests; output goes nowhere unless a handler is bootstrapped.
let testLogger = Logger(label: "vedetta.tests.http-probe")
