public import Foundation
public import VedettaConfig
import VedettaCore
public import VedettaIncidents

/// What people do to the incident log, for the CLI and the API alike: notes, categories, resolutions, tickets,
/// acknowledgements, and manual incidents. It checks what the store cannot know: that a category is one of the
/// configured ones, that a manual incident names configured devices, that times are not in the future.
public struct IncidentDesk: Sendable {
    private let store: any VedettaIncidents.IncidentLog & IncidentRecords
    private let policy: IncidentPolicy
    /// The configured devices; `nil` when the configuration was not read (`--data` alone), then names are not
    /// checked.
    private let devices: [DeviceConfiguration]?
    private let now: @Sendable () -> Date

    /// Creates the desk.
    /// - Parameters:
    ///   - store: The agent's store.
    ///   - policy: The categories.
    ///   - devices: The configured devices, to check manual incidents against; `nil` to skip the check.
    ///   - now: The current time.
    public init(
        store: any VedettaIncidents.IncidentLog & IncidentRecords, policy: IncidentPolicy,
        devices: [DeviceConfiguration]?,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.policy = policy
        self.devices = devices
        self.now = now
    }

    /// Opens the store of `configuration` for the commands that read or change the log of an agent: a missing
    /// database is an error naming its path, never an empty log.
    /// - Parameters:
    ///   - store: The agent's store.
    ///   - policy: The categories.
    ///   - devices: The configured devices, `nil` when the configuration was not read.
    /// - Throws: `AgentError` when the database is missing or cannot be opened.
    public init(store: StoreConfiguration, policy: IncidentPolicy, devices: [DeviceConfiguration]?)
        async throws(AgentError)
    {
        self.init(store: try await Agent.openStore(store, create: false), policy: policy, devices: devices)
    }

    /// The incidents that match `query`, newest first.
    /// - Throws: `AgentError` when the store cannot be read.
    public func list(_ query: IncidentQuery) async throws(AgentError) -> [Incident] {
        do {
            return try await store.incidents(matching: query)
        } catch {
            throw AgentError(.store, "cannot read incidents: \(error)", storeError: error)
        }
    }

    /// Incident `id` with its timeline.
    /// - Throws: `AgentError` (`store`, with the store's `notFound`) when there is none or the store fails.
    public func incident(id: Int64) async throws(AgentError) -> Incident {
        let found: Incident?
        do {
            found = try await store.incident(id: id)
        } catch {
            throw AgentError(.store, "cannot read incident \(id): \(error)", storeError: error)
        }
        guard let found else {
            let missing = StoreError(
                .notFound, message: "there is no incident \(id); list incidents to find its id",
                operation: "read incident")
            throw AgentError(.store, missing.message, storeError: missing)
        }
        return found
    }

    /// Adds notes, a category, resolution or ticket to incident `id`, all or none: every one is checked before
    /// the first is written.
    /// - Throws: `AgentError`: `invalidInput` for a category that is not configured; `store` otherwise, with the
    ///   store's code (`notFound`, `invalidInput`).
    public func annotate(id: Int64, _ annotations: [IncidentAnnotation], by person: String) async throws(AgentError)
        -> Incident
    {
        var checked: [IncidentAnnotation] = []
        for annotation in annotations {
            if case .category(let given) = annotation {
                checked.append(.category(try category(given)))
            } else {
                checked.append(annotation)
            }
        }
        do {
            return try await store.annotate(id: id, checked, by: person, at: now())
        } catch {
            let fields = annotations.map(\.fieldName).joined(separator: ", ")
            throw AgentError(
                .store, "cannot record the \(fields) of incident \(id): \(error.message)", storeError: error)
        }
    }

    /// Acknowledges incident `id`.
    /// - Throws: `AgentError` with the store's error.
    public func acknowledge(id: Int64, by person: String) async throws(AgentError) -> IncidentAcknowledgement {
        do {
            return try await store.acknowledge(id: id, by: person, at: now())
        } catch {
            throw AgentError(.store, "cannot acknowledge incident \(id): \(error.message)", storeError: error)
        }
    }

    /// Opens a manual incident detected at `at` (now when `nil`).
    /// - Throws: `AgentError`: `invalidInput` for an unknown device, labels that match no device, an unknown
    ///   category or a time in the future; `store` with the store's error otherwise.
    public func openManually(_ draft: ManualIncidentDraft, at: Date?) async throws(AgentError) -> Incident {
        var draft = draft
        try checkScope(draft.labels)
        if let given = draft.category { draft.category = try category(given) }
        let detectedAt = try notInFuture(at ?? now(), what: "the start of the outage")
        do {
            return try await store.openManually(draft, at: detectedAt)
        } catch {
            throw AgentError(.store, "cannot open the incident: \(error.message)", storeError: error)
        }
    }

    /// Restores manual incident `id` at `at` (now when `nil`).
    /// - Throws: `AgentError` with the store's error (`notFound`, `invalidTransition`), or `invalidInput` for a
    ///   time in the future.
    public func restoreManually(id: Int64, by person: String, at: Date?) async throws(AgentError) -> Incident {
        let restoredAt = try notInFuture(at ?? now(), what: "the restoration")
        do {
            return try await store.restoreManually(id: id, by: person, at: restoredAt)
        } catch {
            throw AgentError(.store, "cannot restore incident \(id): \(error.message)", storeError: error)
        }
    }

    /// The configured spelling of category `given` (matched without regard to case).
    private func category(_ given: String) throws(AgentError) -> String {
        let wanted = given.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = policy.categories.first(where: { $0.lowercased() == wanted }) else {
            throw AgentError(
                .invalidInput,
                "unknown category \"\(given)\"; use one of: \(policy.categories.joined(separator: ", ")) "
                    + "(incidents.categories in vedetta.yaml)")
        }
        return match
    }

    private func checkScope(_ labels: LabelSet) throws(AgentError) {
        guard let devices else { return }
        if let device = labels["device"] {
            guard devices.contains(where: { $0.id.rawValue == device }) else {
                throw AgentError(.invalidInput, "no device \"\(device)\" in the configuration")
            }
            return
        }
        let affected = devices.filter { device in
            labels.allSatisfy { label in device.labels[label.name] == label.value }
        }
        guard !affected.isEmpty else {
            throw AgentError(
                .invalidInput,
                "no configured device has the labels \(labels); name a device, or labels such as site=milano that "
                    + "some devices have, so that the outage counts against them")
        }
    }

    private func notInFuture(_ instant: Date, what: String) throws(AgentError) -> Date {
        guard instant <= now() + 60 else {
            throw AgentError(.invalidInput, "\(what) (\(instant.iso8601Milliseconds)) is in the future")
        }
        return instant
    }
}
