import Foundation
import Hummingbird
import VedettaAccess

/// Reads a request's JSON body as an object of string fields, strictly: an unknown field or a value that is not
/// a string (or, for `labels`, an object of strings) is refused naming the field. A missing `by` is the caller.
struct IncidentRequestBody {
    /// The largest body read.
    static let maximumBytes = 64 * 1024

    private(set) var strings: [String: String] = [:]
    private(set) var labels: [String: String] = [:]

    static func decode(_ request: Request, allowed: [String]) async -> Result<IncidentRequestBody, IncidentRefusal> {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            return .failure(IncidentRefusal(.invalid, "the body is larger than 64 KiB or unreadable", field: "body"))
        }
        let data = Data(buffer.readableBytesView)
        var body = IncidentRequestBody()
        // Who makes the change: the caller, unless the body names somebody (an operator recording a call).
        if allowed.contains("by"), let caller = Principal.current?.name { body.strings["by"] = caller }
        guard !data.isEmpty else { return .success(body) }
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            return .failure(IncidentRefusal(.invalid, "the body must be a JSON object of fields", field: "body"))
        }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(key) else {
                return .failure(
                    IncidentRefusal(
                        .invalid, "unknown field; expected one of \(allowed.joined(separator: ", "))", field: key))
            }
            if key == "labels" {
                guard let map = value as? [String: Any], let strings = map as? [String: String] else {
                    return .failure(
                        IncidentRefusal(.invalid, "must be an object of label names to values", field: key))
                }
                body.labels = strings
                continue
            }
            guard let text = value as? String else {
                return .failure(IncidentRefusal(.invalid, "must be a string", field: key))
            }
            if key == "by", text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, body.strings[key] != nil {
                continue
            }
            body.strings[key] = text
        }
        return .success(body)
    }

    /// The value of `key`, or a refusal naming it when it is missing or blank.
    func required(_ key: String) -> Result<String, IncidentRefusal> {
        guard let value = strings[key], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(IncidentRefusal(.invalid, "required", field: key))
        }
        return .success(value)
    }
}
