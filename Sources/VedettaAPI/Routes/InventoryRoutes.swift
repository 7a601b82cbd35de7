import Foundation
import Hummingbird
public import VedettaInventory

/// What the inventory routes need from the running agent.
public protocol InventoryOperations: Sendable {
    /// Every configured device with its inventory.
    func listing() async throws(IncidentRefusal) -> InventoryListing
    /// One configured device with its inventory; `nil` for a device not in the configuration.
    func entry(of device: String) async throws(IncidentRefusal) -> InventoryListing.Entry?
    /// Every device's inventory, by device name (devices never inventoried are missing).
    func inventories() async throws(IncidentRefusal) -> [String: DeviceInventory]
    /// The inventory changes of `device`, newest first.
    func changes(device: String) async throws(IncidentRefusal) -> [InventoryChange]
}

extension InventoryOperations {
    /// The device's entry of the whole ``listing()``.
    public func entry(of device: String) async throws(IncidentRefusal) -> InventoryListing.Entry? {
        try await listing().devices.first { $0.device == device }
    }

    /// The inventories of the whole ``listing()``.
    public func inventories() async throws(IncidentRefusal) -> [String: DeviceInventory] {
        var inventories: [String: DeviceInventory] = [:]
        for entry in try await listing().devices { inventories[entry.device] = entry.inventory }
        return inventories
    }
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
                guard let entry = try await operations.entry(of: device) else {
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
