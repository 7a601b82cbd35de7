import CCurl

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension EasyTransfer {
    /// The response, read from the handle's info once curl reports the transfer done.
    func makeResponse() -> HTTPResponse {
        HTTPResponse(
            status: longInfo(CURLINFO_RESPONSE_CODE),
            headerBlock: headerBlock,
            body: body,
            bodyTruncated: bodyTruncated,
            timings: timings(),
            effectiveURL: stringInfo(CURLINFO_EFFECTIVE_URL) ?? request.url,
            httpVersion: httpVersion(),
            redirectCount: longInfo(CURLINFO_REDIRECT_COUNT),
            tlsCertificateNotAfter: certificateNotAfter()
        )
    }

    private func timings() -> HTTPTimings {
        HTTPTimings(
            resolvedAt: timeInfo(CURLINFO_NAMELOOKUP_TIME_T),
            connectedAt: timeInfo(CURLINFO_CONNECT_TIME_T),
            tlsDoneAt: timeInfo(CURLINFO_APPCONNECT_TIME_T),
            firstByteAt: timeInfo(CURLINFO_STARTTRANSFER_TIME_T),
            endedAt: timeInfo(CURLINFO_TOTAL_TIME_T)
        )
    }

    private func httpVersion() -> String {
        // CURL_HTTP_VERSION_1_0 = 1, _1_1 = 2, _2_0 = 3, _3 = 30.
        switch longInfo(CURLINFO_HTTP_VERSION) {
        case 1: "1.0"
        case 2: "1.1"
        case 3: "2"
        case 30: "3"
        default: ""
        }
    }

    /// The leaf certificate's "Expire date" from `CURLINFO_CERTINFO` (requested for https URLs only).
    private func certificateNotAfter() -> Date? {
        var info: UnsafeMutablePointer<curl_certinfo>?
        guard vedetta_curl_easy_getinfo_certinfo(handle, &info) == CURLE_OK, let info,
            info.pointee.num_of_certs > 0, let chain = info.pointee.certinfo
        else { return nil }
        var entry = chain[0]
        while let current = entry {
            if let data = current.pointee.data {
                let line = String(cString: data)
                if line.hasPrefix("Expire date:") {
                    return CertificateDate.parse(String(line.dropFirst("Expire date:".count)))
                }
            }
            entry = current.pointee.next
        }
        return nil
    }

    private func longInfo(_ info: CURLINFO) -> Int {
        var value = 0
        return vedetta_curl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func timeInfo(_ info: CURLINFO) -> Duration {
        var microseconds: curl_off_t = 0
        guard vedetta_curl_easy_getinfo_off_t(handle, info, &microseconds) == CURLE_OK else { return .zero }
        return .microseconds(microseconds)
    }

    private func stringInfo(_ info: CURLINFO) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        guard vedetta_curl_easy_getinfo_string(handle, info, &text) == CURLE_OK, let text else { return nil }
        return String(cString: text)
    }
}
