public import VedettaConfig
import VedettaCore

/// The HTTP kind's configuration: reads `devices[].http` sections.
public struct HTTPCheckReader: CheckReader {
    static let keys = [
        "url", "method", "expect_status", "body_contains", "headers", "tls_verify", "follow_redirects", "max_redirects",
        "name",
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
        return valid ? check : nil
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
