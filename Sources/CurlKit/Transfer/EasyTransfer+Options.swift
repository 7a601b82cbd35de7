import CCurl

extension EasyTransfer {
    /// Sets every option of the handle from ``request``.
    func configure() throws(CurlError) {
        let verify = request.verifyTLS
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_NOSIGNAL, 1)
        if let mail {
            try configureMail(mail)
        } else {
            try set(CURLOPT_USERAGENT, HTTPRequest.userAgent)
            try set(CURLOPT_PROTOCOLS_STR, "http,https")
            try set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        }
        try set(CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1 : 0)
        try set(CURLOPT_MAXREDIRS, max(request.maxRedirects, 0))
        try set(CURLOPT_TIMEOUT_MS, timeoutMilliseconds)
        try set(CURLOPT_SSL_VERIFYPEER, verify ? 1 : 0)
        try set(CURLOPT_SSL_VERIFYHOST, verify ? 2 : 0)
        if let caFile = request.caFile { try set(CURLOPT_CAINFO, caFile) }
        if let client = request.clientCertificate {
            try set(CURLOPT_SSLCERT, client.certificateFile)
            if let key = client.keyFile { try set(CURLOPT_SSLKEY, key) }
        }
        // A fresh connection and lookup every time, so timings and certificate describe the whole path.
        try set(CURLOPT_FRESH_CONNECT, 1)
        try set(CURLOPT_FORBID_REUSE, 1)
        try set(CURLOPT_DNS_CACHE_TIMEOUT, 0)
        let scheme = request.url.prefix { $0 != ":" }.lowercased()
        if scheme == "https" || scheme == "smtps" { try set(CURLOPT_CERTINFO, 1) }
        try check(vedetta_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), CURLOPT_ERRORBUFFER)
        try configureCallbacks()
        guard mail == nil else { return }
        try configureMethodAndBody()
        try configureHeaders()
    }

    /// The SMTP options: envelope, upload of the message through the read callback, TLS and credentials.
    private func configureMail(_ mail: MailRequest) throws(CurlError) {
        try set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        // CURLUSESSL_ALL (3): STARTTLS or fail; CURLUSESSL_NONE (0). smtps:// is TLS throughout either way.
        try set(CURLOPT_USE_SSL, mail.security == .starttls ? 3 : 0)
        try set(CURLOPT_MAIL_FROM, "<\(mail.sender)>")
        for recipient in mail.recipients {
            guard let list = curl_slist_append(recipientList, "<\(recipient)>") else {
                throw CurlError(.other, method: request.method, url: request.url, detail: "curl_slist_append failed")
            }
            recipientList = list
        }
        if let recipientList {
            try check(vedetta_curl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList), CURLOPT_MAIL_RCPT)
        }
        if let username = mail.username { try set(CURLOPT_USERNAME, username) }
        if let password = mail.password { try set(CURLOPT_PASSWORD, password) }
        try set(CURLOPT_UPLOAD, 1)
        try check(
            vedetta_curl_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(mail.message.count)),
            CURLOPT_INFILESIZE_LARGE)
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(
            vedetta_curl_easy_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.supplyUpload(buffer, capacity: size * count)
            },
            CURLOPT_READFUNCTION
        )
        try check(vedetta_curl_easy_setopt_pointer(handle, CURLOPT_READDATA, me), CURLOPT_READDATA)
    }

    private func configureCallbacks() throws(CurlError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(
            vedetta_curl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveBody(data, count: size * count)
            },
            CURLOPT_WRITEFUNCTION
        )
        try check(vedetta_curl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me), CURLOPT_WRITEDATA)
        try check(
            vedetta_curl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                guard let context else { return 0 }
                let transfer = Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue()
                return transfer.receiveHeader(data, count: size * count)
            },
            CURLOPT_HEADERFUNCTION
        )
        try check(vedetta_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me), CURLOPT_HEADERDATA)
    }

    private func configureMethodAndBody() throws(CurlError) {
        let method = request.method.uppercased()
        if method == "HEAD" {
            try set(CURLOPT_NOBODY, 1)
            return
        }
        if let body = request.body {
            try setBody(body)
        } else if method == "POST" {
            try setBody([])
        }
        if method != "POST", method != "GET" || request.body != nil {
            try set(CURLOPT_CUSTOMREQUEST, request.method)
        }
    }

    /// Sets the body; curl copies it, so it need not outlive this call.
    private func setBody(_ body: [UInt8]) throws(CurlError) {
        let size = curl_off_t(body.count)
        try check(
            vedetta_curl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, size), CURLOPT_POSTFIELDSIZE_LARGE)
        if body.isEmpty {
            try set(CURLOPT_COPYPOSTFIELDS, "")
            return
        }
        let result = body.withUnsafeBytes { bytes in
            let pointer = UnsafeMutableRawPointer(mutating: bytes.baseAddress)
            return vedetta_curl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, pointer)
        }
        try check(result, CURLOPT_COPYPOSTFIELDS)
    }

    private func configureHeaders() throws(CurlError) {
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        // Without this, curl waits up to a second for `100 Continue` before sending a large body.
        if request.body != nil, request.headers.value(named: "Expect") == nil { lines.append("Expect:") }
        for line in lines {
            guard let list = curl_slist_append(headerList, line) else {
                throw CurlError(.other, method: request.method, url: request.url, detail: "curl_slist_append failed")
            }
            headerList = list
        }
        if let headerList {
            try check(vedetta_curl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), CURLOPT_HTTPHEADER)
        }
    }

    /// The timeout in whole milliseconds, at least 1 (0 would mean none) and at most a year.
    private var timeoutMilliseconds: Int {
        let (seconds, attoseconds) = request.timeout.components
        let clamped = min(max(seconds, 0), 365 * 86_400)
        return max(Int(clamped) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 1)
    }

    private func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(vedetta_curl_easy_setopt_long(handle, option, value), option)
    }

    private func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(vedetta_curl_easy_setopt_string(handle, option, value), option)
    }

    /// The one place setopt results become errors.
    private func check(_ result: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard result != CURLE_OK else { return }
        var error = CurlError(result, request: request)
        error.detail = "curl_easy_setopt(option \(option.rawValue)): \(error.detail)"
        throw error
    }
}
