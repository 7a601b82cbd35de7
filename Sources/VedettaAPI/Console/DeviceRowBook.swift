import Synchronization
import VedettaIncidents
import VedettaInventory

/// Every device's row of the devices list, by name, with the sites and roles its filters offer.
struct DeviceRows: Sendable {
    var rows: [DevicePages.Row]
    var sites: [String]
    var roles: [String]
}

/// Builds the devices list's rows. What changes only with the configuration (names, sites, roles, addresses, the
/// order by name, the filters' choices) is worked out once per configuration; each device's state, open incidents
/// and model at most once per `lifetime`, and shared by every request within it. With 10,000 devices a request
/// then costs a page of HTML, and a build one pass over the rows with three lookups each.
final class DeviceRowBook: Sendable {
    private let snapshot: SharedSnapshot<DeviceRows>
    /// The rows' fixed parts, and the devices they were worked out from.
    private let layout = Mutex<(targets: [DiscoveryTarget], rows: DeviceRows)?>(nil)

    /// A book whose rows are rebuilt at most once per `lifetime`.
    init(lifetime: Duration) {
        snapshot = SharedSnapshot(lifetime: lifetime)
    }

    /// The rows now.
    /// - Throws: `HTTPError` (503) when the incident store cannot be read.
    func rows(
        source: any AgentStatusSource, inventory: (any InventoryOperations)?,
        openIncidents: () async throws -> [Incident]
    ) async throws -> DeviceRows {
        try await snapshot.value {
            var list = await layout(of: await source.discoveryTargets(), inventory: inventory)
            let up = await source.upByDevice()
            let incidents = DevicePages.byDevice(try await openIncidents())
            // A store that cannot be read leaves the models out, not the list.
            let inventories = (try? await inventory?.inventories()) ?? [:]
            for index in list.rows.indices {
                let device = list.rows[index].device
                list.rows[index].update(
                    incidents: incidents[device] ?? [], up: up[device], inventory: inventories[device])
            }
            return list
        }
    }

    /// The fixed parts of the rows of `targets`: worked out again only when the devices change (compared by
    /// identity first, so an unchanged configuration costs nothing), or while the inventory could not say the
    /// devices' addresses.
    private func layout(of targets: [DiscoveryTarget], inventory: (any InventoryOperations)?) async -> DeviceRows {
        if let known = layout.withLock({ $0 }), known.targets == targets { return known.rows }
        let listing = try? await inventory?.listing()
        let rows = DevicePages.rows(listing: listing, targets: targets)
        let list = DeviceRows(
            rows: rows, sites: Set(rows.map(\.site)).sorted(), roles: Set(rows.map(\.role)).sorted())
        if inventory == nil || listing != nil { layout.withLock { $0 = (targets, list) } }
        return list
    }
}
