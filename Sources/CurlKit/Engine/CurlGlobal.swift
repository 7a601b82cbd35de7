import CCurl

/// `curl_global_init`, run once per process before the first handle is made.
enum CurlGlobal {
    /// Whether initialisation succeeded; evaluated once, thread-safely, on first use.
    static let isInitialized: Bool = vedetta_curl_global_init() == CURLE_OK
}
