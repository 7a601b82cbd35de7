import CurlKit
import Foundation
public import VedettaConfig
import VedettaCore

/// The HTTP kind's configuration: reads `devices[].http` sections.
public struct HTTPCheckReader: CheckReader {
    static let keys = [
        "url", "method", "expect_status", "body_contains", "headers", "tls_verify", "follow_redirects", "max_redirects",
        "body", "basic_auth", "bearer_token", "bearer_token_file", "client_cert", "client_key", "json_assert",
        "json_values", "name",
    ]

    /// `http`.
    public let key = "http"

    /// Creates the reader.
    public init() {}

    /// Reads one `http:` section; see docs/configuration.md for the keys.
    /// - Parameters:
    ///   - reader: The section's mapping.
    ///   - profiles: Not used by HTTP checks.
    /// - Returns: The check's settings, or `nil` when a problem was reported.
    public func readCheck(_ reader: NodeReader, profiles: ProfileLibrary) -> (any CheckSettings)? {
        Self.read(reader)
    }

    /// The HTTP check, or `nil` when any setting is invalid (each problem reported).
    static func read(_ reader: NodeReader) -> HTTPCheckConfiguration? {
        guard let mapping = reader.mapping(keys: keys) else { return nil }
        var valid = true
        func value<T>(_ read: T?) -> T? {
            if read == nil { valid = false }
            return read
        }
        var check = HTTPCheckConfiguration(url: value(mapping.required("url")?.httpURL()) ?? "")
        if let methodReader = mapping.optional("method"), let method = value(readMethod(methodReader)) {
            check.method = method
        }
        if let statusReader = mapping.optional("expect_status"), let codes = value(readStatusCodes(statusReader)) {
            check.expectedStatus = codes
        }
        if let body = mapping.optional("body_contains"), let text = value(body.string()) {
            check.bodyContains = text
        }
        if let headers = mapping.optional("headers"), let pairs = value(HeaderReader.read(headers)) {
            check.headers = Dictionary(pairs.map { ($0.name, $0.value) }) { _, last in last }
        }
        if let verify = mapping.optional("tls_verify"), let flag = value(verify.bool()) {
            check.verifyTLS = flag
        }
        if let follow = mapping.optional("follow_redirects"), let flag = value(follow.bool()) {
            check.followRedirects = flag
        }
        if let limit = mapping.optional("max_redirects"), let count = value(limit.int(minimum: 0)) {
            check.maxRedirects = count
        }
        if let body = mapping.optional("body"), let text = value(body.string()) {
            check.body = text
        }
        if let authorization = value(readAuthorization(mapping)) {
            check.authorization = authorization
        }
        if let certificate = value(readClientCertificate(mapping)) {
            check.clientCertificate = certificate
        }
        if let assertions = mapping.optional("json_assert"), let parsed = value(readAssertions(assertions)) {
            check.jsonAssertions = parsed
        }
        if let fields = mapping.optional("json_values"), let parsed = value(readFields(fields)) {
            check.jsonValues = parsed
        }
        return valid ? check : nil
    }

    /// `basic_auth: {username, password | password_file}` or `bearer_token` / `bearer_token_file`, at most one:
    /// `.some(nil)` for none, `nil` after a problem.
    private static func readAuthorization(_ mapping: MappingReader) -> HTTPAuthorization?? {
        let basicReader = mapping.optional("basic_auth")
        guard let bearer = mapping.secret("bearer_token", fileKey: "bearer_token_file") else { return nil }
        if let basicReader {
            if bearer != nil {
                basicReader.report("give basic_auth or bearer_token, not both")
                return nil
            }
            guard let basic = basicReader.mapping(keys: ["username", "password", "password_file"]),
                let username = basic.required("username")?.nonEmptyString(),
                let password = basic.secret("password", fileKey: "password_file")
            else { return nil }
            guard let password else {
                basicReader.report("basic_auth needs password or password_file")
                return nil
            }
            return .some(.basic(username: username, password: password))
        }
        return .some(bearer.map(HTTPAuthorization.bearer))
    }

    /// `client_cert` (PEM, with its key unless `client_key` is given) and `client_key`, absolute paths of readable
    /// files: `.some(nil)` for none, `nil` after a problem.
    private static func readClientCertificate(_ mapping: MappingReader) -> ClientCertificate?? {
        let certificateReader = mapping.optional("client_cert")
        let keyReader = mapping.optional("client_key")
        guard let certificateReader else {
            keyReader?.report("client_key needs client_cert")
            return keyReader == nil ? .some(nil) : nil
        }
        func readableFile(_ reader: NodeReader) -> String? {
            guard let path = reader.nonEmptyString() else { return nil }
            guard path.hasPrefix("/") else {
                reader.report("\(reader.path) must be an absolute path, e.g. /etc/vedetta/client.pem")
                return nil
            }
            guard FileManager.default.isReadableFile(atPath: path) else {
                reader.report("cannot read \(path)")
                return nil
            }
            return path
        }
        guard let certificate = readableFile(certificateReader) else { return nil }
        let key = keyReader.map(readableFile)
        if case .some(nil) = key { return nil }
        return .some(ClientCertificate(certificateFile: certificate, keyFile: key ?? nil))
    }

    /// `json_assert`: one assertion or a list, each `$.path OP literal` or a path alone.
    private static func readAssertions(_ reader: NodeReader) -> [JSONAssertion]? {
        let items = reader.isList ? reader.list() ?? [] : [reader]
        var assertions: [JSONAssertion] = []
        var valid = true
        for item in items {
            guard let text = item.string() else {
                valid = false
                continue
            }
            do throws(JSONPath.ParseError) {
                assertions.append(try JSONAssertion(parsing: text))
            } catch {
                item.report("invalid json_assert \"\(text)\": \(error.message) (at character \(error.offset + 1))")
                valid = false
            }
        }
        return valid ? assertions : nil
    }

    /// `json_values: {FIELD: $.path}`.
    private static func readFields(_ reader: NodeReader) -> [JSONField]? {
        guard let pairs = reader.stringMap() else { return nil }
        var fields: [JSONField] = []
        var valid = true
        for (name, text, keyReader) in pairs {
            guard NamePattern.label.matches(name) else {
                keyReader.report("invalid json_values field \"\(name)\"; \(NamePattern.label.rule)")
                valid = false
                continue
            }
            do throws(JSONPath.ParseError) {
                fields.append(JSONField(name: name, path: try JSONPath(parsing: text)))
            } catch {
                keyReader.report("invalid JSON path \"\(text)\" for \(name): \(error.message)")
                valid = false
            }
        }
        return valid ? fields : nil
    }

    private static func readMethod(_ reader: NodeReader) -> String? {
        guard let text = reader.string() else { return nil }
        guard HTTPCheckConfiguration.methods.contains(text.uppercased()) else {
            reader.report(
                "invalid HTTP method \"\(text)\"; use \(NodeReader.alternatives(HTTPCheckConfiguration.methods))")
            return nil
        }
        return text.uppercased()
    }

    private static func readStatusCodes(_ reader: NodeReader) -> [Int]? {
        var items = [reader]
        if reader.isList { items = reader.list() ?? [] }
        var codes: [Int] = []
        var valid = true
        for item in items {
            guard let code = item.int() else {
                valid = false
                continue
            }
            guard (100...599).contains(code) else {
                item.report("HTTP status must be between 100 and 599, got \(code)")
                valid = false
                continue
            }
            codes.append(code)
        }
        return valid ? codes : nil
    }
}
