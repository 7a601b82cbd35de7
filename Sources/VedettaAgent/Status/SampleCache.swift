import Synchronization
import VedettaCore

/// The latest samples of every device and probe source (kind, and check name for named checks), for `/metrics`.
/// Each probe run replaces its predecessor's samples, so series that a device stopped reporting disappear with
/// the next run.
final class SampleCache: Sendable {
    private struct Key: Hashable {
        var device: DeviceID
        var source: String
    }

    private let samples = Mutex<[Key: [Sample]]>([:])

    /// Replaces the samples of `device` from `source`.
    func replace(device: DeviceID, source: String, with newSamples: [Sample]) {
        samples.withLock { $0[Key(device: device, source: source)] = newSamples }
    }

    /// Every cached sample.
    func all() -> [Sample] {
        samples.withLock { Array($0.values.joined()) }
    }
}
