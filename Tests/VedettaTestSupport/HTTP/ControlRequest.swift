import Foundation

/// Sends one HTTP request with `Tests/Fixtures/http/control.py` (Python's stdlib client), so fixtures can talk
/// HTTP and HTTPS without a Swift HTTP client in test support.
public enum ControlRequest {
    /// Sends `method` to `url` and returns the response body.
    /// - Parameters:
    ///   - caFile: A CA bundle to trust, for HTTPS fixtures with a test certificate.
    ///   - headers: Request headers, `Name: value`.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer, with what the client printed.
    public static func send(_ method: String, _ url: String, caFile: String? = nil, headers: [String] = []) throws
        -> String
    {
        try run(method, url, (caFile.map { ["--cafile", $0] } ?? []) + options(headers))
    }

    /// Sends `GET` to `url` with one request header and returns the response's content type and body.
    /// - Throws: `FixtureError` for a non-2xx answer or no answer.
    public static func get(_ url: String, header: String, headers: [String] = []) throws
        -> (contentType: String, body: String)
    {
        let output = try run("GET", url, ["--header", header, "--content-type"] + options(headers))
        let contentType = output.prefix { $0 != "\n" }
        return (String(contentType), String(output.dropFirst(contentType.count + 1)))
    }

    /// Sends `method` to `url` with a JSON `body` (none when `nil`) and returns the status and body, whatever
    /// the status.
    /// - Throws: `FixtureError` when nothing answered.
    public static func json(_ method: String, _ url: String, body: String?, headers: [String] = []) throws
        -> (status: Int, body: String)
    {
        let output = try run(method, url, ["--status"] + (body.map { ["--body", $0] } ?? []) + options(headers))
        let statusLine = output.prefix { $0 != "\n" }
        guard let status = Int(statusLine) else { throw FixtureError("\(method) \(url): no status in \(output)") }
        return (status, String(output.dropFirst(statusLine.count + 1)))
    }

    private static func options(_ headers: [String]) -> [String] { headers.flatMap { ["--header", $0] } }

    private static func run(_ method: String, _ url: String, _ options: [String]) throws -> String {
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/http/control.py").path
        let arguments = ["python3", script, method, url] + options
        let result = try ToolRunner.run("/usr/bin/env", arguments, timeout: .seconds(30))
        guard result.status == 0 else {
            throw FixtureError("\(method) \(url) failed (status \(result.status)): \(result.standardError)")
        }
        return result.standardOutput
    }
}
