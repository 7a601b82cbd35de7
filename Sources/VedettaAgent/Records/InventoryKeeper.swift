import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import VedettaAlerting
import VedettaCore
import VedettaInventory

/// Keeps each device's inventory from its SNMP polls: reads it from every successful poll (``InventoryReader``,
/// which extracts it again only when the poll's inventory objects changed), and writes it to the store when a fact
/// changed or every `refresh` (for the last poll and uptime), so `vedetta inventory` works without the agent and
/// 10,000 devices polled every minute do not mean 10,000 writes a minute. A change of serial number, model,
/// firmware, software, hardware revision, sysObjectID or sysDescr is recorded as an inventory change, logged, and
/// counted in `vedetta_inventory_changes_total{device,field}`.
///
/// Polls are handed over without waiting (``submit(_:)``); when the keeper falls behind, the oldest polls are
/// dropped (the next poll of the device brings the same facts). Devices no longer polled here (removed by a reload,
/// or held by another agent) are forgotten in the same order (``forget(devicesOtherThan:)``), and never dropped: the
/// keeper's memory follows the devices it polls.
actor InventoryKeeper: Service {
    private let store: any InventoryStore
    private let refresh: Duration
    private let logger: Logger
    private var reader: InventoryReader
    private let queue: BoundedWorkQueue<Work>
    /// The generation of the last ``forget(devicesOtherThan:)`` handed over, and of the last one handled: a
    /// forget put back behind a newer one (the queue was full) is stale and skipped.
    private let forgets = Mutex(0)
    private var forgetHandled = 0
    /// The last inventory written per device, and when.
    private var written: [String: (inventory: DeviceInventory, at: Date)] = [:]
    /// The polls' inventories while the store's are not read yet (``known()`` then merges them).
    private var unmerged: [String: DeviceInventory] = [:]
    /// Every device's inventory, the store's and the polls' since, once the store was read (``known()``).
    private var everything: [String: DeviceInventory]?

    /// What the keeper handles, in the order it was handed over.
    private enum Work: Sendable {
        case poll(SampleReport)
        case forget(devicesOtherThan: Set<DeviceID>, generation: Int)

        var isForget: Bool {
            if case .forget = self { return true }
            return false
        }
    }

    init(store: any InventoryStore, refresh: Duration = .seconds(600), buffer: Int = 20_000, logger: Logger) {
        self.store = store
        self.refresh = refresh
        self.logger = logger
        self.reader = InventoryReader(refresh: refresh)
        queue = BoundedWorkQueue(capacity: buffer, keeps: \.isForget)
    }

    /// Hands a poll over; never waits.
    nonisolated func submit(_ report: SampleReport) {
        guard report.source == "snmp" else { return }
        queue.push(.poll(report))
    }

    /// Forgets what the keeper holds for every device not in `devices`, after the polls handed over before; never
    /// waits. The inventories themselves stay in the store (and in ``known()``, which mirrors it).
    nonisolated func forget(devicesOtherThan devices: Set<DeviceID>) {
        let generation = forgets.withLock { generation in
            generation += 1
            return generation
        }
        queue.push(.forget(devicesOtherThan: devices, generation: generation))
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            _ = await self.known()
            for await work in self.queue.elements {
                switch work {
                case .poll(let report): await self.handle(report)
                case .forget(let devices, let generation): await self.keep(devices, generation: generation)
                }
            }
        }
    }

    /// Every device's inventory: the store's, read once, with the facts of every poll since (the console's devices
    /// list reads it every second; the store is not read again). `nil` while the store cannot be read.
    func known() async -> [String: DeviceInventory]? {
        if let everything { return everything }
        let stored: [DeviceInventory]
        do {
            stored = try await store.inventories()
        } catch {
            logger.warning("cannot read the stored inventories", metadata: ["error": "\(error)"])
            return nil
        }
        // Polls handled while the store was read are newer than what it returned.
        var merged = Dictionary(stored.map { ($0.device, $0) }, uniquingKeysWith: { $1 })
        for (device, inventory) in unmerged { merged[device] = Self.merging(inventory, onto: merged[device]) }
        if everything == nil {
            everything = merged
            unmerged = [:]
        }
        return everything
    }

    private func keep(_ devices: Set<DeviceID>, generation: Int) {
        guard generation > forgetHandled else { return }
        forgetHandled = generation
        let names = Set(devices.map(\.rawValue))
        written = written.filter { names.contains($0.key) }
        unmerged = unmerged.filter { names.contains($0.key) }
        reader.forget(devicesOtherThan: names)
    }

    private static func merging(_ inventory: DeviceInventory, onto previous: DeviceInventory?) -> DeviceInventory {
        guard let previous else { return inventory }
        var merged = inventory
        merged.keepMissingFacts(of: previous)
        return merged
    }

    private func handle(_ report: SampleReport) async {
        let device = report.device.rawValue
        guard let inventory = reader.inventory(of: device, samples: report.samples, at: report.at) else {
            return
        }
        if everything != nil {
            let merged = Self.merging(inventory, onto: everything?[device])
            everything?[device] = merged
        } else {
            unmerged[device] = inventory
        }
        if let previous = written[device], Self.sameFacts(previous.inventory, inventory),
            report.at.timeIntervalSince(previous.at) < refresh.seconds
        {
            return
        }
        do {
            let changes = try await store.recordInventory(inventory, at: report.at)
            written[device] = (inventory, report.at)
            for change in changes {
                Counter(
                    label: "vedetta_inventory_changes_total", dimensions: [("device", device), ("field", change.field)]
                )
                .increment()
                logger.warning(
                    "inventory changed",
                    metadata: [
                        "device": "\(device)", "inventory.field": "\(change.field)",
                        "inventory.old": "\(change.old ?? "")", "inventory.new": "\(change.new ?? "")",
                    ])
            }
        } catch {
            logger.warning(
                "cannot record the inventory; trying again at the next poll",
                metadata: ["device": "\(device)", "error": "\(error)"])
        }
    }

    private static func sameFacts(_ a: DeviceInventory, _ b: DeviceInventory) -> Bool {
        zip(a.trackedFacts, b.trackedFacts).allSatisfy { $0.value == $1.value } && a.components == b.components
            && a.vendor == b.vendor && a.sysName == b.sysName
    }
}
