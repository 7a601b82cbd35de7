import Foundation

/// Sends one HTTP request with `Tests/Fixtures/http/control.py` (Python's stdlib client), so fixtures can talk
/// HTTP and HTTPS without a Swift HTTP client in test support.
public enum ControlRequest {
    /// Sends `method` to `url` and returns the response body.
    /// - Parameter caFile: A CA bundle to trust, for HTTPS fixtures with a test certificate.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer, with what the client printed.
    public static func send(_ method: String, _ url: String, caFile: String? = nil) throws -> String {
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/http/control.py").path
        var arguments = ["python3", script, method, url]
        if let caFile { arguments += ["--cafile", caFile] }
        let result = try ToolRunner.run("/usr/bin/env", arguments, timeout: .seconds(30))
        guard result.status == 0 else {
            throw FixtureError("\(method) \(url) failed (status \(result.status)): \(result.standardError)")
        }
        return result.standardOutput
    }
}
