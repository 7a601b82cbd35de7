/// A transfer failed before an HTTP response arrived: timeout, DNS, connect, TLS, redirects, cancellation.
///
/// An HTTP error status (404, 503) is not a `CurlError`: it is an ``HTTPResponse`` with that status.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// The class of failure. An open set: new codes are new static members.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The code name.
        public let rawValue: String
        /// Creates a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The transfer did not finish within ``HTTPRequest/timeout``.
        public static let timeout = Code(rawValue: "timeout")
        /// The host name could not be resolved.
        public static let couldNotResolve = Code(rawValue: "could_not_resolve")
        /// The TCP connection was refused or could not be made.
        public static let couldNotConnect = Code(rawValue: "could_not_connect")
        /// The TLS handshake failed or the certificate did not verify.
        public static let tls = Code(rawValue: "tls")
        /// More than ``HTTPRequest/maxRedirects`` redirects.
        public static let tooManyRedirects = Code(rawValue: "too_many_redirects")
        /// The server answered with something that is not valid HTTP, or closed the connection mid-answer.
        public static let invalidResponse = Code(rawValue: "invalid_response")
        /// The request itself is unusable: malformed URL, unsupported scheme, bad option.
        public static let invalidRequest = Code(rawValue: "invalid_request")
        /// The awaiting task was cancelled, or the engine shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Anything else.
        public static let other = Code(rawValue: "other")

        /// The code name.
        public var description: String { rawValue }
    }

    /// The class of failure.
    public var code: Code
    /// The request method.
    public var method: String
    /// The requested URL.
    public var url: String
    /// What curl said (its error buffer, or the generic text for its result code).
    public var detail: String
    /// curl's raw `CURLcode`, when the failure came from curl.
    public var curlCode: Int?

    /// Creates an error.
    /// - Parameters:
    ///   - code: The class of failure.
    ///   - method: The request method.
    ///   - url: The requested URL.
    ///   - detail: What curl said.
    ///   - curlCode: curl's raw result code, if any.
    public init(_ code: Code, method: String, url: String, detail: String, curlCode: Int? = nil) {
        self.code = code
        self.method = method
        self.url = url
        self.detail = detail
        self.curlCode = curlCode
    }

    /// What failed, what curl said and what to check.
    public var description: String {
        let detailText = detail.isEmpty ? "" : " (\(detail))"
        return "\(method) \(url) \(summary)\(detailText)\(advice.isEmpty ? "" : "; \(advice)")"
    }

    private var summary: String {
        switch code {
        case .timeout: "timed out"
        case .couldNotResolve: "failed: could not resolve the host name"
        case .couldNotConnect: "failed: could not connect"
        case .tls: "failed: TLS handshake or certificate verification failed"
        case .tooManyRedirects: "failed: too many redirects"
        case .invalidResponse: "failed: the server's answer is not valid HTTP"
        case .invalidRequest: "failed: the request is invalid"
        case .cancelled: "was cancelled"
        default: "failed"
        }
    }

    private var advice: String {
        switch code {
        case .timeout: "check that the server answers within the timeout, or raise the timeout"
        case .couldNotResolve: "check the host name and the DNS configuration"
        case .couldNotConnect: "check that the server is running and the port is reachable"
        case .tls: "check the certificate's expiry, host name and issuing CA, or turn verification off"
        case .tooManyRedirects:
            "check for a redirect loop, or raise the limit (max_redirects of the HTTP check, --max-redirects of "
                + "vedetta probe http)"
        case .invalidResponse: "check that the port serves HTTP (not HTTPS, or another protocol)"
        case .invalidRequest: "check the URL; only http:// and https:// are supported"
        default: ""
        }
    }
}
