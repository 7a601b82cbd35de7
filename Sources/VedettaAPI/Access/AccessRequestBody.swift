import Foundation
import Hummingbird
import VedettaAccess

/// Reads an access route's JSON body strictly: an object whose fields are all allowed and of the expected type.
struct AccessRequestBody {
    /// The largest body read.
    static let maximumBytes = 16 * 1024

    private let fields: [String: Field]

    /// A field's value: only strings and booleans are taken.
    private enum Field: Decodable {
        case string(String)
        case bool(Bool)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .other
            }
        }
    }

    /// The body of `request`, or a refusal naming the field at fault.
    static func decode(_ request: Request, allowed: [String]) async throws(AccessError) -> AccessRequestBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw AccessError(.invalid, "the body is larger than 16 KiB or unreadable", field: "body")
        }
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { return AccessRequestBody(fields: [:]) }
        guard let fields = try? JSONDecoder().decode([String: Field].self, from: data) else {
            throw AccessError(.invalid, "the body must be a JSON object of fields", field: "body")
        }
        for key in fields.keys.sorted() where !allowed.contains(key) {
            throw AccessError(.invalid, "unknown field; expected one of \(allowed.joined(separator: ", "))", field: key)
        }
        return AccessRequestBody(fields: fields)
    }

    /// Whether the body has no field.
    var isEmpty: Bool { fields.isEmpty }

    /// The string `key`, `nil` when absent.
    func string(_ key: String) throws(AccessError) -> String? {
        guard let value = fields[key] else { return nil }
        guard case .string(let text) = value else { throw AccessError(.invalid, "must be a string", field: key) }
        return text
    }

    /// The string `key`, refused when absent or empty.
    func requiredString(_ key: String) throws(AccessError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw AccessError(.invalid, "required", field: key) }
        return text
    }

    /// The boolean `key`, `nil` when absent.
    func bool(_ key: String) throws(AccessError) -> Bool? {
        guard let value = fields[key] else { return nil }
        guard case .bool(let flag) = value else { throw AccessError(.invalid, "must be true or false", field: key) }
        return flag
    }

    /// The role `key`, `nil` when absent.
    func role(_ key: String) throws(AccessError) -> Role? {
        guard let name = try string(key) else { return nil }
        guard let role = Role(rawValue: name) else {
            throw AccessError(.invalid, "unknown role \"\(name)\"; use \(Role.names)", field: key)
        }
        return role
    }
}

extension AccessError {
    /// The refusal answering this error.
    var response: Response {
        let code =
            switch self.code {
            case .invalid: "invalid"
            case .notFound: "not_found"
            case .conflict: "conflict"
            case .unauthenticated: "unauthenticated"
            case .throttled: "too_many_requests"
            case .unavailable: "unavailable"
            }
        var response = RefusalBody.response(message: message, code: code, field: field)
        if let retryAfter { response.headers[.retryAfter] = "\(retryAfter)" }
        return response
    }
}
