import Hummingbird

/// The JSON body of every refusal, `{"error": …, "code": …, "field": …}` (`field` is `null` when no field is at
/// fault), answered with the status its code implies.
struct RefusalBody: Encodable {
    var error: String
    var code: String
    var field: String?

    /// The refusal's response: 400 for `invalid`, 404 for `not_found`, 409 for `conflict` and `read_only`, 503 for
    /// `unavailable`, 500 for anything else.
    static func response(message: String, code: String, field: String?) -> Response {
        let status: HTTPResponse.Status =
            switch code {
            case "invalid": .badRequest
            case "not_found": .notFound
            case "conflict", "read_only": .conflict
            case "unavailable": .serviceUnavailable
            default: .internalServerError
            }
        let body = RefusalBody(error: message, code: code, field: field)
        return (try? JSONAnswer.response(body, status: status)) ?? Response(status: status)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        try container.encode(code, forKey: .code)
        try container.encode(field, forKey: .field)
    }

    enum CodingKeys: String, CodingKey { case error, code, field }
}
