import Synchronization
import VedettaCore
import VedettaProbes

/// The latest samples of every device and probe kind, for `/metrics`. Each probe run replaces its predecessor's
/// samples, so series that a device stopped reporting disappear with the next run.
final class SampleCache: Sendable {
    private struct Key: Hashable {
        var device: DeviceID
        var kind: ProbeKind
    }

    private let samples = Mutex<[Key: [Sample]]>([:])

    /// Replaces the samples of `device` from probes of `kind`.
    func replace(device: DeviceID, kind: ProbeKind, with newSamples: [Sample]) {
        samples.withLock { $0[Key(device: device, kind: kind)] = newSamples }
    }

    /// Every cached sample.
    func all() -> [Sample] {
        samples.withLock { Array($0.values.joined()) }
    }
}
