import Foundation
import Hummingbird
import VedettaAccess
import VedettaOnCall

/// Reads a request's JSON body into a ``VedettaOnCall/SubstitutionRequest`` strictly: an unknown field or a value
/// that is not a string is refused naming the field, never ignored.
enum OnCallRequestBody {
    /// The fields of a substitution.
    static let fields = ["schedule", "substitute", "covers", "start", "end", "duration", "reason", "by"]
    /// The largest body read.
    static let maximumBytes = 16 * 1024

    static func decode(_ request: Request, context: APIRequestContext) async -> Result<
        SubstitutionRequest, OnCallError
    > {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            return .failure(.invalid("body", "the body is larger than \(maximumBytes / 1024) KiB or unreadable"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)),
            let fields = object as? [String: Any]
        else {
            return .failure(.invalid("body", "the body must be a JSON object of fields"))
        }
        var request = SubstitutionRequest()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard Self.fields.contains(key) else {
                return .failure(.invalid(key, "unknown field; expected one of \(Self.fields.joined(separator: ", "))"))
            }
            if value is NSNull { continue }
            guard let text = value as? String else { return .failure(.invalid(key, "must be a string")) }
            switch key {
            case "schedule": request.schedule = text
            case "substitute": request.substitute = text
            case "covers": request.covers = text
            case "start": request.start = text
            case "end": request.end = text
            case "duration": request.duration = text
            case "reason": request.reason = text
            case "by": request.by = text
            default: break
            }
        }
        // Who makes the change: the caller, unless the body names somebody.
        if (request.by ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            request.by = Principal.current?.name ?? request.by
        }
        return .success(request)
    }
}
