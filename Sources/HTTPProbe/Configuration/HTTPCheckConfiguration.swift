public import CurlKit
public import VedettaConfig
public import VedettaCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An HTTP(S) check (`devices[].http`).
public struct HTTPCheckConfiguration: CheckSettings {
    /// The methods a check may use (`method`, and `-X` of `vedetta probe http`).
    public static let methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]

    /// The URL to request.
    public var url: String
    /// HTTP method (`method`, default `GET`).
    public var method: String
    /// Status codes that count as up (`expect_status`); empty means any 2xx or 3xx.
    public var expectedStatus: [Int]
    /// A substring the body must contain (`body_contains`), if any.
    public var bodyContains: String?
    /// Request headers (`headers`).
    public var headers: [String: String]
    /// Whether to verify the server certificate (`tls_verify`, default `true`).
    public var verifyTLS: Bool
    /// Whether to follow redirects (`follow_redirects`, default `true`).
    public var followRedirects: Bool
    /// The most redirects followed before the check fails with "too many redirects" (`max_redirects`,
    /// default 10).
    public var maxRedirects: Int
    /// The request body (`body`), if any.
    public var body: String?
    /// How the request authenticates (`basic_auth`, `bearer_token`), if it does.
    public var authorization: HTTPAuthorization?
    /// The client certificate shown to servers that ask for one (`client_cert`, `client_key`).
    public var clientCertificate: ClientCertificate?
    /// Conditions on the JSON body (`json_assert`), all of which must hold.
    public var jsonAssertions: [JSONAssertion]
    /// Values of the JSON body exported as `http_json_value{field=…}` samples (`json_values`).
    public var jsonValues: [JSONField]

    /// Creates an HTTP check.
    public init(
        url: String,
        method: String = "GET",
        expectedStatus: [Int] = [],
        bodyContains: String? = nil,
        headers: [String: String] = [:],
        verifyTLS: Bool = true,
        followRedirects: Bool = true,
        maxRedirects: Int = 10,
        body: String? = nil,
        authorization: HTTPAuthorization? = nil,
        clientCertificate: ClientCertificate? = nil,
        jsonAssertions: [JSONAssertion] = [],
        jsonValues: [JSONField] = []
    ) {
        self.url = url
        self.method = method
        self.expectedStatus = expectedStatus
        self.bodyContains = bodyContains
        self.headers = headers
        self.verifyTLS = verifyTLS
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.body = body
        self.authorization = authorization
        self.clientCertificate = clientCertificate
        self.jsonAssertions = jsonAssertions
        self.jsonValues = jsonValues
    }

    /// Whether the body is read as JSON: when there are assertions or values to read from it.
    public var readsJSON: Bool { !jsonAssertions.isEmpty || !jsonValues.isEmpty }

    /// The URL: what the check probes.
    public var address: String { url }

    /// Whether `status` counts as up.
    public func accepts(status: Int) -> Bool {
        expectedStatus.isEmpty ? (200..<400).contains(status) : expectedStatus.contains(status)
    }
}

/// How an HTTP check authenticates.
public enum HTTPAuthorization: Sendable, Hashable {
    /// `Authorization: Basic …` (`basic_auth: {username, password | password_file}`).
    case basic(username: String, password: Secret)
    /// `Authorization: Bearer …` (`bearer_token` or `bearer_token_file`).
    case bearer(Secret)

    /// The `Authorization` header's value (a secret: never logged).
    public var headerValue: String {
        switch self {
        case .basic(let username, let password):
            "Basic " + Data("\(username):\(password.reveal())".utf8).base64EncodedString()
        case .bearer(let token):
            "Bearer " + token.reveal()
        }
    }
}

/// A value of the JSON body exported as a sample: `http_json_value{field="NAME"}`.
public struct JSONField: Sendable, Hashable {
    /// The `field` label.
    public var name: String
    /// Where the value is.
    public var path: JSONPath

    /// Creates a field.
    public init(name: String, path: JSONPath) {
        self.name = name
        self.path = path
    }
}
