#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// The answer to an ``HTTPRequest``: the final response after any redirects.
public struct HTTPResponse: Sendable {
    /// The HTTP status code of the final response.
    public var status: Int
    /// The headers of the final response, in the order received. Parsed from the received lines on each read: keep
    /// the array when reading several fields.
    public var headers: [HTTPHeader] {
        get {
            switch headerStorage {
            case .fields(let fields): fields
            case .received(let block): block.fields
            }
        }
        set { headerStorage = .fields(newValue) }
    }
    private var headerStorage: HeaderStorage

    /// Headers as given, or as received and not parsed yet.
    private enum HeaderStorage: Sendable {
        case fields([HTTPHeader])
        case received(HTTPHeaderBlock)
    }
    /// The body, at most ``HTTPRequest/maxBodyBytes`` long.
    public var body: [UInt8]
    /// Whether the body was longer than ``HTTPRequest/maxBodyBytes`` and was cut.
    public var bodyTruncated: Bool
    /// How long each phase of the transfer took.
    public var timings: HTTPTimings
    /// The URL of the final response, after redirects.
    public var effectiveURL: String
    /// The HTTP version of the final response: `1.0`, `1.1`, `2` or `3` (empty if unknown).
    public var httpVersion: String
    /// How many redirects were followed.
    public var redirectCount: Int
    /// When the server's leaf certificate expires, for HTTPS responses where libcurl reports it.
    public var tlsCertificateNotAfter: Date?

    /// Creates a response.
    /// - Parameters:
    ///   - status: The HTTP status code.
    ///   - headers: The response headers.
    ///   - body: The (possibly truncated) body.
    ///   - bodyTruncated: Whether the body was cut.
    ///   - timings: Phase durations.
    ///   - effectiveURL: The URL after redirects.
    ///   - httpVersion: The HTTP version.
    ///   - redirectCount: The redirects followed.
    ///   - tlsCertificateNotAfter: The leaf certificate's expiry, if known.
    public init(
        status: Int,
        headers: [HTTPHeader] = [],
        body: [UInt8] = [],
        bodyTruncated: Bool = false,
        timings: HTTPTimings = HTTPTimings(),
        effectiveURL: String = "",
        httpVersion: String = "",
        redirectCount: Int = 0,
        tlsCertificateNotAfter: Date? = nil
    ) {
        self.status = status
        self.headerStorage = .fields(headers)
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.timings = timings
        self.effectiveURL = effectiveURL
        self.httpVersion = httpVersion
        self.redirectCount = redirectCount
        self.tlsCertificateNotAfter = tlsCertificateNotAfter
    }

    /// A response whose headers are the lines received, parsed when read.
    init(
        status: Int, headerBlock: HTTPHeaderBlock, body: [UInt8], bodyTruncated: Bool, timings: HTTPTimings,
        effectiveURL: String, httpVersion: String, redirectCount: Int, tlsCertificateNotAfter: Date?
    ) {
        self.init(
            status: status, body: body, bodyTruncated: bodyTruncated, timings: timings, effectiveURL: effectiveURL,
            httpVersion: httpVersion, redirectCount: redirectCount, tlsCertificateNotAfter: tlsCertificateNotAfter)
        self.headerStorage = .received(headerBlock)
    }

    /// The body decoded as UTF-8, with invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
