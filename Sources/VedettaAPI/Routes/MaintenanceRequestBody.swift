import Foundation
import Hummingbird
import VedettaAccess
import VedettaMaintenance

/// Reads a request's JSON body into a ``VedettaMaintenance/MaintenanceRequest`` strictly: an unknown field or a
/// value of the wrong type is refused naming the field, never ignored (a misspelt `rrule` must not silently
/// create a one-off window).
enum MaintenanceRequestBody {
    /// The fields of a window.
    static let fields = ["match", "start", "end", "duration", "time_zone", "rrule", "exdates", "reason", "by"]
    /// The largest body read.
    static let maximumBytes = 64 * 1024

    static func decode(
        _ request: Request, context: APIRequestContext, allowed: [String]
    ) async -> Result<MaintenanceRequest, MaintenanceError> {
        // Who makes the change: the caller, unless the body names somebody.
        await fields(request, allowed: allowed).map { request in
            var request = request
            if allowed.contains("by"), (request.by ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                request.by = Principal.current?.name ?? request.by
            }
            return request
        }
    }

    private static func fields(_ request: Request, allowed: [String]) async -> Result<
        MaintenanceRequest, MaintenanceError
    > {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            return .failure(.invalid("body", "the body is larger than \(maximumBytes / 1024) KiB or unreadable"))
        }
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { return .success(MaintenanceRequest()) }
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            return .failure(.invalid("body", "the body must be a JSON object of fields"))
        }
        var request = MaintenanceRequest()
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard allowed.contains(key) else {
                return .failure(.invalid(key, "unknown field; expected one of \(allowed.joined(separator: ", "))"))
            }
            if key == "exdates" {
                guard let list = value as? [Any], let texts = list as? [String] else {
                    return .failure(.invalid(key, "must be a list of local times such as [\"2026-12-25T22:00\"]"))
                }
                request.exdates = texts
                continue
            }
            guard let text = value as? String else { return .failure(.invalid(key, "must be a string")) }
            switch key {
            case "match": request.match = text
            case "start": request.start = text
            case "end": request.end = text
            case "duration": request.duration = text
            case "time_zone": request.timeZone = text
            case "rrule": request.rrule = text
            case "reason": request.reason = text
            case "by": request.by = text
            default: break
            }
        }
        return .success(request)
    }
}
