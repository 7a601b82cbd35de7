public import Foundation

/// A self-signed certificate for `127.0.0.1` and `localhost`, made with `/usr/bin/openssl` in a temporary
/// directory. Pass ``certificatePath`` as a client's CA file to trust it.
public struct TestCertificate: Sendable {
    /// The PEM certificate; also its own CA.
    public let certificatePath: String
    /// The PEM private key (unencrypted).
    public let keyPath: String
    /// How long the certificate is valid from now.
    public let validDays: Int

    /// Generates a P-256 key and a self-signed certificate into `directory`.
    /// - Parameters:
    ///   - directory: Where `cert.pem` and `key.pem` are written.
    ///   - validDays: The validity period (default 2 days).
    /// - Throws: `FixtureError` with openssl's output when generation fails.
    public init(in directory: URL, validDays: Int = 2) throws {
        let openssl = try RepositoryPaths.executable(
            "openssl", candidates: ["/usr/bin/openssl", "/usr/local/bin/openssl"])
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let process = try ManagedProcess(
            executable: openssl,
            arguments: [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", certificate, "-days", "\(validDays)", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ]
        )
        let status = process.waitForExit(timeout: .seconds(60))
        guard status == 0, FileManager.default.fileExists(atPath: certificate) else {
            throw FixtureError(
                "openssl could not make a test certificate (status \(String(describing: status))):\n"
                    + process.output)
        }
        self.certificatePath = certificate
        self.keyPath = key
        self.validDays = validDays
    }
}
