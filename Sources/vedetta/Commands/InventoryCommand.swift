import ArgumentParser
import Foundation
import VedettaAgent
import VedettaConfig
import VedettaCore
import VedettaInventory

/// `vedetta inventory`: what each device is.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Device inventory: address, vendor, model, serial numbers, firmware and software, uptime, last poll.",
        discussion: """
            Read from the agent's database (the agent writes each device's inventory from its SNMP polls, at once \
            when a fact changes and every 10 minutes otherwise); the agent need not be running. With --device, one \
            device with its components and the changes of its serial number, model and revisions.
            """
    )

    @OptionGroup var location: DataLocation
    @Option(help: "text, csv or json.")
    var format: String = "text"
    @Option(help: "One device, with its components and inventory changes.")
    var device: String?

    func run() async throws {
        guard ["text", "csv", "json"].contains(format) else {
            throw ValidationError("unknown --format \"\(format)\"; use text, csv or json")
        }
        guard let configuration = try location.configuration() else {
            throw ValidationError("vedetta inventory needs the configuration (--config) for the device list")
        }
        let (listing, changes) = try await runIncidentCommand("inventory") {
            let store = try await Agent.openStore(try location.store(of: configuration), create: false)
            let listing = try await InventoryDesk.listing(configuration: configuration, store: store)
            guard let device else { return (listing, [InventoryChange]()) }
            do {
                return (listing, try await store.inventoryChanges(device: device, limit: 1000))
            } catch let error as StoreError {
                throw AgentError(.store, "cannot read inventory changes: \(error)", storeError: error)
            }
        }
        guard let device else {
            switch format {
            case "json": print(try jsonText(listing))
            case "csv": print(listing.csv(), terminator: "")
            default: print(listing.text(now: Date()))
            }
            return
        }
        guard let entry = listing.devices.first(where: { $0.device == device }) else {
            printError("vedetta inventory: no device \"\(device)\" in the configuration")
            throw ExitCode(1)
        }
        if format == "json" {
            print(try jsonText(["device": AnyEncodable(entry), "changes": AnyEncodable(changes)]))
        } else {
            print(Self.detail(entry, changes: changes))
        }
    }

    private static func detail(_ entry: InventoryListing.Entry, changes: [InventoryChange]) -> String {
        var lines = ["device:       \(entry.device)"]
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append((name + ":").padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        let inventory = entry.inventory
        field("labels", entry.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        field("address", entry.address)
        field("profiles", entry.profiles.joined(separator: ", "))
        field("vendor", inventory?.vendor)
        field("model", inventory?.model)
        field("serial", inventory?.serialNumber)
        field("software", inventory?.software)
        field("firmware", inventory?.firmware)
        field("hardware", inventory?.hardware)
        field("sysObjectID", inventory?.sysObjectID)
        field("sysName", inventory?.sysName)
        field(
            "sysDescr",
            inventory?.sysDescr?.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: ""))
        field("last poll", inventory?.lastPoll.map(IncidentTable.timestamp))
        if let components = inventory?.components, !components.isEmpty {
            lines.append("components:")
            for component in components {
                lines.append("  \(component.name)  \(component.serialNumber)\(component.model.map { "  \($0)" } ?? "")")
            }
        }
        lines.append(changes.isEmpty ? "changes:      none" : "changes:")
        for change in changes {
            lines.append(
                "  \(IncidentTable.timestamp(change.at))  \(change.field): \(change.old ?? "-") → \(change.new ?? "-")")
        }
        return lines.joined(separator: "\n")
    }
}

/// Any encodable value, for a JSON object of mixed values.
private struct AnyEncodable: Encodable {
    private let encodeValue: (any Encoder) throws -> Void

    init(_ value: some Encodable) {
        self.encodeValue = value.encode
    }

    func encode(to encoder: any Encoder) throws {
        try encodeValue(encoder)
    }
}
