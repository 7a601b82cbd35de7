import Foundation

/// A real HTTP(S) server on 127.0.0.1 (`Tests/Fixtures/http/server.py`, Python stdlib), stopped by PID when the
/// fixture is released or ``stop()`` is called.
///
/// Routes: `/ok`, `/status/<code>`, `/slow/<ms>`, `/redirect`, `/redirect/<n>`, `/big/<bytes>`; any other path
/// answers 200 `ok`. Every request outside `/_…` is recorded (see ``recordedRequests()``), which makes the
/// server a webhook receiver; ``failNext(_:)`` makes the next requests answer 503.
///
/// ```swift
/// let server = try await HTTPServerFixture.start(tls: true)
/// let request = HTTPRequest(url: server.url("/ok"), caFile: server.certificate?.certificatePath)
/// ```
public final class HTTPServerFixture: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The self-signed certificate served, for HTTPS fixtures.
    public let certificate: TestCertificate?
    /// `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`.
    public let baseURL: String
    private let process: ManagedProcess
    private let directory: URL

    private init(port: Int, certificate: TestCertificate?, process: ManagedProcess, directory: URL) {
        self.port = port
        self.certificate = certificate
        self.baseURL = "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)"
        self.process = process
        self.directory = directory
    }

    deinit {
        process.stop(grace: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a server and waits until it accepts connections.
    /// - Parameters:
    ///   - tls: Whether to serve HTTPS with a freshly generated self-signed certificate.
    ///   - requireClientCertificate: With `tls`, whether the handshake demands a client certificate signed by the
    ///     fixture's own certificate (which is its own CA): present ``certificate`` and its key as the client's.
    ///     The control routes then need it too, so use it only for tests that do not read the record.
    ///   - port: The port to listen on, e.g. a stopped fixture's to bring a receiver "back"; default a free one.
    /// - Throws: `FixtureError` when python3 or openssl is missing, or the server does not come up.
    /// - Returns: The running fixture.
    public static func start(
        tls: Bool = false, requireClientCertificate: Bool = false, port fixedPort: Int? = nil
    ) async throws -> HTTPServerFixture {
        let python = try RepositoryPaths.executable(
            "python3", candidates: ["/usr/bin/python3", "/usr/local/bin/python3"])
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-http")
        let certificate = tls ? try TestCertificate(in: directory) : nil
        var lastError: (any Error)?
        for _ in 0..<(fixedPort == nil ? 3 : 1) {  // another process may take a free port before the server binds it
            let port = try fixedPort ?? Ports.freePort()
            var arguments = ["-u", script("server.py"), "--port", "\(port)"]
            if let certificate { arguments += ["--cert", certificate.certificatePath, "--key", certificate.keyPath] }
            if let certificate, requireClientCertificate { arguments += ["--client-ca", certificate.certificatePath] }
            let process = try ManagedProcess(executable: python, arguments: arguments)
            do {
                try await Ports.waitForTCP(port: port, process: process)
                return HTTPServerFixture(
                    port: port, certificate: certificate, process: process, directory: directory)
            } catch {
                lastError = error
                process.stop()
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError ?? FixtureError("the HTTP fixture server did not start")
    }

    /// The full URL of `path` on this server, e.g. `url("/ok")`.
    public func url(_ path: String) -> String { baseURL + path }

    /// Everything the server has logged (one line per request), for failure messages.
    public var output: String { process.output }

    /// The process ID of the server.
    public var pid: Int32 { process.pid }

    /// Stops the server now (SIGTERM, then SIGKILL); requests fail with a refused connection afterwards.
    public func stop() { process.stop() }

    /// The requests recorded so far, oldest first (control paths under `/_` are not recorded).
    /// - Throws: `FixtureError` when the server does not answer.
    public func recordedRequests() throws -> [RecordedRequest] {
        let json = try control("GET", "/_requests")
        do {
            return try JSONDecoder().decode([RecordedRequest].self, from: Data(json.utf8))
        } catch {
            throw FixtureError("cannot decode recorded requests: \(error)\n\(json)")
        }
    }

    /// Waits until at least `count` requests are recorded, polling; returns them.
    /// - Throws: `FixtureError` when fewer arrived within `timeout`.
    public func waitForRequests(atLeast count: Int, timeout: Duration = .seconds(20)) async throws
        -> [RecordedRequest]
    {
        var latest: [RecordedRequest] = []
        try await Ports.waitUntil(timeout: timeout, "expected \(count) requests at \(baseURL), got \(latest.count)") {
            latest = (try? recordedRequests()) ?? latest
            return latest.count >= count
        }
        return latest
    }

    /// Forgets every recorded request and any pending ``failNext(_:)``.
    /// - Throws: `FixtureError` when the server does not answer.
    public func clearRecordedRequests() throws {
        _ = try control("DELETE", "/_requests")
    }

    /// Makes the next `count` requests (outside `/_`) answer 503, as a receiver that is down.
    /// - Throws: `FixtureError` when the server does not answer.
    public func failNext(_ count: Int) throws {
        _ = try control("POST", "/_fail/\(count)")
    }

    /// Sends one control request to the server (over HTTPS with the fixture's CA when TLS is on).
    private func control(_ method: String, _ path: String) throws -> String {
        do {
            return try ControlRequest.send(method, url(path), caFile: certificate?.certificatePath)
        } catch {
            throw FixtureError("\(error)\nserver log:\n\(output)")
        }
    }

    private static func script(_ name: String) -> String {
        RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/http/\(name)").path
    }
}
