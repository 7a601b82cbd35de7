import CCurl

extension CurlError.Code {
    /// The code for a curl result; `nil` for `CURLE_OK`.
    init?(_ result: CURLcode) {
        switch result {
        case CURLE_OK:
            return nil
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .couldNotResolve
        case CURLE_COULDNT_CONNECT:
            self = .couldNotConnect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED:
            self = .tls
        case CURLE_TOO_MANY_REDIRECTS:
            self = .tooManyRedirects
        case CURLE_WEIRD_SERVER_REPLY, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_RECV_ERROR,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP3:
            self = .invalidResponse
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT,
            CURLE_UNKNOWN_OPTION, CURLE_NOT_BUILT_IN:
            self = .invalidRequest
        case CURLE_ABORTED_BY_CALLBACK:
            self = .cancelled
        default:
            self = .other
        }
    }
}

extension CurlError {
    /// The error for a failed curl call, with curl's message when `buffer` has one.
    /// - Parameters:
    ///   - result: The failed result code (not `CURLE_OK`).
    ///   - request: The request that failed.
    ///   - buffer: The text curl wrote into `CURLOPT_ERRORBUFFER`, possibly empty.
    init(_ result: CURLcode, request: HTTPRequest, buffer: String = "") {
        let generic = curl_easy_strerror(result).map { String(cString: $0) } ?? "curl error \(result.rawValue)"
        self.init(
            Code(result) ?? .other,
            method: request.method,
            url: request.url,
            detail: buffer.isEmpty ? generic : buffer,
            curlCode: Int(result.rawValue)
        )
    }

    /// The error for an awaiting task that was cancelled, or an engine that shut down.
    static func cancelled(_ request: HTTPRequest, reason: String) -> CurlError {
        CurlError(.cancelled, method: request.method, url: request.url, detail: reason)
    }
}
