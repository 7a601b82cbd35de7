import CCurl
import Logging

/// One transfer: an owned curl easy handle configured from an ``HTTPRequest``, and what its callbacks collect.
///
/// Built on the caller's thread, then handed to the engine thread, which alone touches it from then on
/// (callbacks run inside `curl_multi_perform` there). The handle, header list and error buffer are freed in
/// `deinit`.
final class EasyTransfer: @unchecked Sendable {
    typealias Continuation = CheckedContinuation<Result<HTTPResponse, CurlError>, Never>

    /// The engine-wide identifier, used to cancel it.
    let id: UInt64
    /// What was asked for (for a mail, its carrier: URL, limits, TLS settings).
    let request: HTTPRequest
    /// The mail to upload, for an SMTP transfer; `nil` for HTTP.
    let mail: MailRequest?
    /// How much of the mail's message has been handed to curl.
    var uploaded = 0
    /// The mail's recipients, freed in `deinit`.
    var recipientList: UnsafeMutablePointer<curl_slist>?
    /// The caller's logger.
    let logger: Logger
    /// The `CURL *` handle.
    let handle: UnsafeMutableRawPointer
    /// The awaiting task, resumed exactly once by ``complete(_:)``.
    var continuation: Continuation?

    /// The request headers, freed in `deinit`.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// Where curl writes its message for a failure (`CURLOPT_ERRORBUFFER`).
    let errorBuffer: UnsafeMutablePointer<CChar>
    private(set) var body: [UInt8] = []
    private(set) var headerBlock = HTTPHeaderBlock()
    private(set) var bodyTruncated = false

    /// Creates the easy handle and sets every option from `request`.
    /// - Throws: `CurlError` when the handle cannot be created or an option is refused.
    init(id: UInt64, request: HTTPRequest, mail: MailRequest? = nil, logger: Logger) throws(CurlError) {
        guard let handle = curl_easy_init() else {
            throw CurlError(.other, method: request.method, url: request.url, detail: "curl_easy_init failed")
        }
        self.id = id
        self.request = request
        self.mail = mail
        self.logger = logger
        self.handle = handle
        let size = vedetta_curl_error_size()
        self.errorBuffer = .allocate(capacity: size)
        self.errorBuffer.initialize(repeating: 0, count: size)
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        curl_slist_free_all(recipientList)
        errorBuffer.deallocate()
    }

    /// Resumes the awaiting task with `result`; later calls do nothing.
    func complete(_ result: Result<HTTPResponse, CurlError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }

    /// The outcome of a transfer that curl reports done with `result`.
    func finish(_ result: CURLcode) -> Result<HTTPResponse, CurlError> {
        // A body cut at maxBodyBytes ends the transfer with a write error on purpose.
        if result == CURLE_OK || (result == CURLE_WRITE_ERROR && bodyTruncated) {
            return .success(makeResponse())
        }
        let text = String(cString: errorBuffer)
        return .failure(CurlError(result, request: request, buffer: text.trimmingHTTPWhitespace()))
    }

    /// Keeps body bytes up to the limit (write callback, engine thread); past it, keeps what fits and stops the transfer.
    func receiveBody(_ data: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        guard let data, count > 0 else { return count }
        let room = max(request.maxBodyBytes - body.count, 0)
        let kept = min(room, count)
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: kept))
        if kept < count {
            bodyTruncated = true
            return 0
        }
        return count
    }

    /// Copies the next part of the mail's message into curl's buffer (read callback, engine thread); 0 at the end.
    func supplyUpload(_ buffer: UnsafeMutablePointer<CChar>?, capacity: Int) -> Int {
        guard let buffer, let message = mail?.message, uploaded < message.count else { return 0 }
        let count = min(capacity, message.count - uploaded)
        message.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + uploaded, byteCount: count)
        }
        uploaded += count
        return count
    }

    /// Keeps the header lines of the last response; a status line starts a new response (header callback, engine
    /// thread). The lines are parsed only if the response's headers are read.
    func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, count: Int) -> Int {
        guard let data, count > 0 else { return count }
        let line = UnsafeRawBufferPointer(start: data, count: count)
        if count >= 5, line.starts(with: "HTTP/".utf8) {
            headerBlock.startResponse()
        } else {
            headerBlock.append(line: line)
        }
        return count
    }
}
