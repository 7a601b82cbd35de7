import Foundation
import Hummingbird
public import VedettaInventory

/// What the inventory routes need from the running agent.
public protocol InventoryOperations: Sendable {
    /// Every configured device with its inventory.
    func listing() async throws(IncidentRefusal) -> InventoryListing
    /// The inventory changes of `device`, newest first.
    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange]
}

/// The inventory routes:
///
/// | Route | Answer |
/// |---|---|
/// | `GET /api/v1/inventory?format=json\|csv\|text` | Every configured device: labels, address, profiles, vendor, model, serial numbers, revisions, uptime, last poll |
/// | `GET /api/v1/inventory/{device}` | One device's entry and its inventory changes (`{"device": …, "changes": […]}`); 404 for an unknown device |
enum InventoryRoutes {
    static func add(_ operations: any InventoryOperations, to router: Router<APIRequestContext>) {
        router.get("/api/v1/inventory") { request, _ -> Response in
            let format = request.uri.queryParameters.get("format") ?? "json"
            guard ["json", "csv", "text"].contains(format) else {
                return IncidentRoutes.refusal(
                    IncidentRefusal(.invalid, "\"\(format)\" is not one of json, csv, text", field: "format"))
            }
            let listing: InventoryListing
            do throws(IncidentRefusal) {
                listing = try await operations.listing()
            } catch {
                return IncidentRoutes.refusal(error)
            }
            switch format {
            case "json": return try JSONAnswer.response(listing, status: .ok)
            case "csv": return text(listing.csv(), contentType: "text/csv; charset=utf-8")
            default: return text(listing.text(now: Date()) + "\n", contentType: "text/plain; charset=utf-8")
            }
        }
        router.get("/api/v1/inventory/:device") { _, context -> Response in
            let device = try context.parameters.require("device")
            let detail: DeviceDetail
            do throws(IncidentRefusal) {
                guard let entry = try await operations.listing().devices.first(where: { $0.device == device }) else {
                    throw IncidentRefusal(.notFound, "no device \"\(device)\" in the configuration")
                }
                detail = DeviceDetail(device: entry, changes: try await operations.changes(device: device))
            } catch {
                return IncidentRoutes.refusal(error)
            }
            return try JSONAnswer.response(detail, status: .ok)
        }
    }

    private static func text(_ body: String, contentType: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// One device with its changes.
    struct DeviceDetail: Encodable {
        var device: InventoryListing.Entry
        var changes: [InventoryChange]
    }
}
