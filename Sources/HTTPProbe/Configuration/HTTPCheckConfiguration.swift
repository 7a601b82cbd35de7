public import VedettaConfig

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

    /// Creates an HTTP check.
    public init(
        url: String,
        method: String = "GET",
        expectedStatus: [Int] = [],
        bodyContains: String? = nil,
        headers: [String: String] = [:],
        verifyTLS: Bool = true,
        followRedirects: Bool = true,
        maxRedirects: Int = 10
    ) {
        self.url = url
        self.method = method
        self.expectedStatus = expectedStatus
        self.bodyContains = bodyContains
        self.headers = headers
        self.verifyTLS = verifyTLS
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
    }

    /// The URL: what the check probes.
    public var address: String { url }

    /// Whether `status` counts as up.
    public func accepts(status: Int) -> Bool {
        expectedStatus.isEmpty ? (200..<400).contains(status) : expectedStatus.contains(status)
    }
}
