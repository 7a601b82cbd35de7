import Foundation

/// The text of an OPTIONS request (RFC 3261 §8.1.1 and §11) with the headers every SIP server expects, and the
/// identifiers its response is matched by.
struct OptionsMessage {
    /// The `branch` of the top `Via` (RFC 3261's magic cookie `z9hG4bK` then random hex).
    let branch: String
    /// The `Call-ID`.
    let callID: String
    /// The `From` tag.
    let fromTag: String

    /// New random identifiers.
    init() {
        branch = "z9hG4bK" + Self.randomHex(16)
        callID = Self.randomHex(24)
        fromTag = Self.randomHex(8)
    }

    /// The request's bytes.
    /// - Parameters:
    ///   - request: The URI, transport and user.
    ///   - local: The local `host:port` the request is sent from (IPv6 in brackets), for `Via` and `Contact`.
    func bytes(for request: SIPOptionsRequest, local: String) -> [UInt8] {
        let uri = request.uri.description
        let localHost =
            local.hasPrefix("[")
            ? String(local[..<(local.lastIndex(of: "]").map { local.index(after: $0) } ?? local.endIndex)])
            : String(local.split(separator: ":").first ?? "")
        let text =
            "OPTIONS \(uri) SIP/2.0\r\n"
            + "Via: SIP/2.0/\(request.transport.viaToken) \(local);branch=\(branch);rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:\(request.fromUser)@\(localHost)>;tag=\(fromTag)\r\n"
            + "To: <\(uri)>\r\n"
            + "Call-ID: \(callID)@\(localHost)\r\n"
            + "CSeq: 1 OPTIONS\r\n"
            + "Contact: <sip:\(request.fromUser)@\(local);transport=\(request.transport.rawValue)>\r\n"
            + "Accept: application/sdp\r\n"
            + "User-Agent: Vedetta\r\n"
            + "Content-Length: 0\r\n\r\n"
        return Array(text.utf8)
    }

    private static func randomHex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int.random(in: 0..<16)] })
    }
}

/// A SIP response as far as a keep-alive needs it: the status line and the headers that match it to its request.
struct SIPResponse: Equatable {
    var statusCode: Int
    var reason: String
    var callID: String?
    var branch: String?
    var cseqMethod: String?
    var server: String?

    /// The response in `bytes` (one message: the headers up to the blank line), or `nil` when it is not a SIP
    /// response (a request, garbage, a truncated status line).
    init?(_ bytes: ArraySlice<UInt8>) {
        let text = String(decoding: bytes.prefix(8_192), as: UTF8.self)
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\n", omittingEmptySubsequences: false)
        }.flatMap { $0 }
        guard let status = lines.first, status.hasPrefix("SIP/2.0 ") else { return nil }
        let parts = status.dropFirst(8).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 3, let code = Int(first), (100...699).contains(code) else {
            return nil
        }
        statusCode = code
        reason = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : ""
        for line in lines.dropFirst() {
            if line.isEmpty || line == "\r" { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            switch name {
            case "call-id", "i": callID = callID ?? value
            case "cseq": cseqMethod = cseqMethod ?? value.split(separator: " ").last.map(String.init)
            case "via", "v":
                guard branch == nil else { continue }
                let parameter = value.split(separator: ";").first {
                    $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("branch=")
                }
                branch = parameter.map {
                    String($0.trimmingCharacters(in: .whitespaces).dropFirst(7)).split(separator: ",").first.map(
                        String.init) ?? ""
                }
            case "server": server = value
            case "user-agent": server = server ?? value
            default: continue
            }
        }
    }

    /// Whether this answers `message`: same `Call-ID` (before the `@`), top `Via` branch and method.
    func answers(_ message: OptionsMessage) -> Bool {
        guard let callID, let branch else { return false }
        let id = callID.split(separator: "@").first.map(String.init) ?? callID
        return id == message.callID && branch == message.branch && cseqMethod?.uppercased() == "OPTIONS"
    }

    /// Whether it is a final response (2xx–6xx).
    var isFinal: Bool { statusCode >= 200 }
}
