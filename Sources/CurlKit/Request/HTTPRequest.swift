/// An HTTP(S) request for ``CurlEngine/perform(_:logger:)``.
///
/// Only `http` and `https` URLs are allowed, redirects included. Every request opens a fresh connection and
/// resolves the host anew, so the ``HTTPTimings`` of a response always describe a full connection.
public struct HTTPRequest: Sendable {
    /// The `User-Agent` sent with every request.
    public static let userAgent = "Vedetta/0.1"
    /// The default for ``maxBodyBytes``: 1 MiB.
    public static let defaultMaxBodyBytes = 1 << 20

    /// The URL to request, `http://` or `https://`.
    public var url: String
    /// The HTTP method, e.g. `GET`, `POST` or `HEAD`.
    public var method: String
    /// Extra request headers, sent in order after curl's own.
    public var headers: [HTTPHeader]
    /// The request body, if any; sent with a `Content-Length`.
    public var body: [UInt8]?
    /// The limit for the whole transfer, redirects included; at least one millisecond is used.
    public var timeout: Duration
    /// Whether the server certificate and host name are verified.
    public var verifyTLS: Bool
    /// A PEM file of CA certificates to trust instead of the default bundle file (e.g. a test's self-signed
    /// certificate); `nil` keeps the system default.
    public var caFile: String?
    /// The client certificate presented in the TLS handshake (PEM files), for servers that ask for one.
    public var clientCertificate: ClientCertificate?
    /// Whether `Location` redirects are followed.
    public var followRedirects: Bool
    /// The most redirects followed before failing with ``CurlError/Code/tooManyRedirects``.
    public var maxRedirects: Int
    /// The most body bytes kept; a longer body is cut there and the transfer ends early, which is not an error
    /// (see ``HTTPResponse/bodyTruncated``).
    public var maxBodyBytes: Int

    /// Creates a request.
    /// - Parameters:
    ///   - url: The `http://` or `https://` URL.
    ///   - method: The HTTP method (default `GET`).
    ///   - headers: Extra request headers.
    ///   - body: The request body, if any.
    ///   - timeout: The limit for the whole transfer (default 10 seconds).
    ///   - verifyTLS: Whether to verify the server certificate (default `true`).
    ///   - caFile: A PEM CA bundle to trust instead of the default bundle file.
    ///   - clientCertificate: The client certificate to present, if the server asks for one.
    ///   - followRedirects: Whether to follow redirects (default `true`).
    ///   - maxRedirects: The most redirects followed (default 10).
    ///   - maxBodyBytes: The most body bytes kept (default 1 MiB).
    public init(
        url: String,
        method: String = "GET",
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(10),
        verifyTLS: Bool = true,
        caFile: String? = nil,
        clientCertificate: ClientCertificate? = nil,
        followRedirects: Bool = true,
        maxRedirects: Int = 10,
        maxBodyBytes: Int = HTTPRequest.defaultMaxBodyBytes
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.verifyTLS = verifyTLS
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
    }
}

/// A TLS client certificate: PEM files read by libcurl at each request.
public struct ClientCertificate: Sendable, Hashable {
    /// The certificate (and, when ``keyFile`` is `nil`, its key) in PEM.
    public var certificateFile: String
    /// The unencrypted private key in PEM, when it is not in ``certificateFile``.
    public var keyFile: String?

    /// Creates a client certificate.
    public init(certificateFile: String, keyFile: String? = nil) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }
}
