import Synchronization
import VedettaAPI
import VedettaCore

/// The latest samples of every device and probe source (kind, and check name for named checks), for `/metrics`.
/// Each probe run replaces its predecessor's samples, so series that a device stopped reporting disappear with
/// the next run. The samples are rendered in the Prometheus text format when they arrive, once per poll, so a
/// scrape only concatenates text.
final class SampleCache: Sendable {
    private struct Key: Hashable, Comparable {
        var device: DeviceID
        var source: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.device.rawValue, lhs.source) < (rhs.device.rawValue, rhs.source)
        }
    }

    private struct Entry: Sendable {
        var up: [Sample]
        var families: MetricFamilies
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// Replaces the samples of `device` from `source`, rendering them.
    func replace(device: DeviceID, source: String, with newSamples: [Sample]) {
        let entry = Entry(up: newSamples.filter { $0.name == "up" }, families: MetricFamilies(rendering: newSamples))
        entries.withLock { $0[Key(device: device, source: source)] = entry }
    }

    /// Every device's rendered samples, by device and source.
    func allFamilies() -> [MetricFamilies] {
        let snapshot = entries.withLock { $0 }
        return snapshot.keys.sorted().compactMap { snapshot[$0]?.families }
    }

    /// One device's rendered samples, by source; empty before its first poll.
    func families(of device: DeviceID) -> [MetricFamilies] {
        let snapshot = entries.withLock { $0.filter { $0.key.device == device } }
        return snapshot.keys.sorted().compactMap { snapshot[$0]?.families }
    }

    /// The latest `up` sample of every device and source.
    func upSamples() -> [Sample] {
        entries.withLock { Array($0.values.map(\.up).joined()) }
    }
}
