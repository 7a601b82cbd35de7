import Foundation

/// A real SMTP server on 127.0.0.1 (`Tests/Fixtures/smtp/server.py`, PyPI `aiosmtpd`), plain, requiring STARTTLS,
/// or TLS from the first byte, optionally requiring AUTH; stopped by PID when released or by ``stop()``.
///
/// Every message it accepts is kept, with its envelope: see ``messages()``.
public final class SMTPServerFixture: Sendable {
    /// How the server protects the connection.
    public enum Mode: String, Sendable {
        /// No TLS.
        case plain
        /// STARTTLS required before `MAIL FROM`.
        case starttls
        /// TLS from the first byte (`smtps://`).
        case tls
    }

    /// One accepted message.
    public struct Message: Sendable, Decodable {
        /// The envelope sender.
        public var mailFrom: String
        /// The envelope recipients.
        public var rcptTos: [String]
        /// The message as received (headers and body).
        public var data: String
        /// `Subject:` as Python's email parser decodes it.
        public var subject: String
        /// `Message-ID:`.
        public var messageID: String
        /// `References:`.
        public var references: String
        /// The `text/plain` part, decoded; `nil` when there is none.
        public var text: String?
        /// The `text/html` part, decoded; `nil` when there is none.
        public var html: String?

        enum CodingKeys: String, CodingKey {
            case data, subject, references, text, html
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
            case messageID = "message_id"
        }
    }

    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The self-signed certificate served in `starttls` and `tls` modes.
    public let certificate: TestCertificate?
    /// `smtp://127.0.0.1:<port>` or `smtps://127.0.0.1:<port>`.
    public let url: String
    private let process: ManagedProcess
    private let directory: URL
    private let spool: URL

    private init(
        port: Int, mode: Mode, certificate: TestCertificate?, process: ManagedProcess, directory: URL, spool: URL
    ) {
        self.port = port
        self.certificate = certificate
        self.url = "\(mode == .tls ? "smtps" : "smtp")://127.0.0.1:\(port)"
        self.process = process
        self.directory = directory
        self.spool = spool
    }

    deinit {
        process.stop(grace: .seconds(2))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a server and waits until it accepts connections.
    /// - Parameters:
    ///   - mode: Plain, STARTTLS required, or implicit TLS.
    ///   - auth: `user:password` to require AUTH; `nil` for none.
    /// - Throws: `FixtureError` when the virtual environment lacks aiosmtpd (run `scripts/setup`) or the server
    ///   does not come up.
    public static func start(mode: Mode = .plain, auth: String? = nil) async throws -> SMTPServerFixture {
        let python = RepositoryPaths.virtualEnvironment.appendingPathComponent("bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw FixtureError("no \(python): run scripts/setup")
        }
        let directory = try RepositoryPaths.makeTemporaryDirectory(prefix: "vedetta-smtp")
        let spool = directory.appendingPathComponent("spool")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let certificate = mode == .plain ? nil : try TestCertificate(in: directory)
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Fixtures/smtp/server.py").path
        var lastError: (any Error)?
        for _ in 0..<3 {  // another process may take a free port before the server binds it
            let port = try Ports.freePort()
            var arguments = ["-u", script, "--port", "\(port)", "--mode", mode.rawValue, "--spool", spool.path]
            if let certificate { arguments += ["--cert", certificate.certificatePath, "--key", certificate.keyPath] }
            if let auth { arguments += ["--auth", auth] }
            let process = try ManagedProcess(executable: python, arguments: arguments)
            do {
                try await Ports.waitForTCP(port: port, process: process)
                return SMTPServerFixture(
                    port: port, mode: mode, certificate: certificate, process: process, directory: directory,
                    spool: spool)
            } catch {
                lastError = error
                process.stop()
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError ?? FixtureError("the SMTP fixture server did not start")
    }

    /// The messages accepted so far, oldest first.
    /// - Throws: `FixtureError` when the spool cannot be read.
    public func messages() throws -> [Message] {
        let names = try FileManager.default.contentsOfDirectory(atPath: spool.path).filter { $0.hasSuffix(".json") }
        return try names.sorted().map { name in
            let data = try Data(contentsOf: spool.appendingPathComponent(name))
            do {
                return try JSONDecoder().decode(Message.self, from: data)
            } catch {
                throw FixtureError("cannot decode \(name): \(error)")
            }
        }
    }

    /// Everything the server has written, for failure messages.
    public var output: String { process.output }

    /// Stops the server now.
    public func stop() { process.stop() }
}
