import COpenSSL

/// A TLS client context per ``TLSSettings``: trust store loaded once, reused by every handshake with the same
/// settings. Loop-thread only.
final class TLSContext {
    let context: OpaquePointer

    /// A context trusting the system's CA directory plus `settings.caFile`; `nil` when OpenSSL refuses.
    init?(_ settings: TLSSettings) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { return nil }
        self.context = context
        // The certificate is checked after the handshake (so its expiry is known even when it is not trusted).
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        _ = SSL_CTX_load_verify_locations(context, nil, TLSSettings.systemCAPath)
        if let file = settings.caFile { _ = SSL_CTX_load_verify_locations(context, file, nil) }
    }

    deinit {
        SSL_CTX_free(context)
    }
}

/// One TLS client session over a connected non-blocking socket: the handshake and reads and writes step by step,
/// each saying whether it must wait for the socket to be readable or writable.
final class TLSSession {
    /// What a step needs next.
    enum Progress: Equatable {
        case done
        case wantRead
        case wantWrite
        /// The peer closed the connection.
        case closed
        case failed(String)
    }

    private let ssl: OpaquePointer

    /// A session for `descriptor`, sending `serverName` (SNI) and checking the certificate against it, or, when
    /// there is no name, checking it against `ipAddress` (an IP literal must be among its subject alternative names).
    init?(context: TLSContext, descriptor: Int32, serverName: String?, ipAddress: String?) {
        guard let ssl = SSL_new(context.context) else { return nil }
        self.ssl = ssl
        SSL_set_fd(ssl, descriptor)
        SSL_set_connect_state(ssl)
        if let serverName {
            _ = vedetta_ssl_set_server_name(ssl, serverName)
            _ = SSL_set1_host(ssl, serverName)
        } else if let ipAddress {
            _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), ipAddress)
        }
    }

    deinit {
        _ = SSL_shutdown(ssl)  // one close_notify, not waited for
        SSL_free(ssl)
    }

    /// Advances the handshake.
    func handshake() -> Progress { progress(SSL_do_handshake(ssl)) }

    /// Writes `bytes` from `offset`; on `.done`, `written` holds how many went out.
    func write(_ bytes: [UInt8], from offset: Int, written: inout Int) -> Progress {
        let result = bytes.withUnsafeBytes { raw in
            SSL_write(ssl, raw.baseAddress.map { $0 + offset }, Int32(bytes.count - offset))
        }
        if result > 0 { written = Int(result) }
        return progress(result)
    }

    /// Reads into `buffer`; on `.done`, `count` holds how many bytes came.
    func read(into buffer: UnsafeMutableRawBufferPointer, count: inout Int) -> Progress {
        let result = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
        if result > 0 { count = Int(result) }
        return progress(result)
    }

    private func progress(_ result: Int32) -> Progress {
        if result > 0 { return .done }
        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ: return .wantRead
        case SSL_ERROR_WANT_WRITE: return .wantWrite
        case SSL_ERROR_ZERO_RETURN: return .closed
        default:
            let code = ERR_get_error()
            ERR_clear_error()
            if code == 0 { return error == SSL_ERROR_SYSCALL ? .closed : .failed("TLS error \(error)") }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            return .failed(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    /// The peer certificate's expiry in Unix seconds, when it sent one.
    var certificateNotAfter: Double? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        let seconds = vedetta_x509_not_after(certificate)
        return seconds < 0 ? nil : Double(seconds)
    }

    /// Why the certificate is not to be trusted (chain, expiry, name), or `nil` when it is.
    var certificateProblem: String? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return "the server sent no certificate" }
        X509_free(certificate)
        let result = SSL_get_verify_result(ssl)
        guard result != X509_V_OK else { return nil }
        return String(cString: X509_verify_cert_error_string(result))
    }

    /// The negotiated protocol, e.g. `TLSv1.3`.
    var version: String { String(cString: SSL_get_version(ssl)) }
}
