import Synchronization
import VedettaAPI
import VedettaCore

/// The latest samples of every device and probe source (kind, and check name for named checks), for `/metrics`.
/// Each probe run replaces its predecessor's samples, so series that a device stopped reporting disappear with
/// the next run.
///
/// A source's samples are rendered in the Prometheus text format at most once per poll and kept until the next
/// poll, so scrapes only concatenate cached text. While device samples are being scraped (a scrape of
/// `/metrics/devices/…` or `?all=1` in the last ``activeScraping``), each poll is rendered when it arrives, and a
/// scrape finds everything ready; when nobody scrapes them, polls cost no rendering at all, and the first scrape
/// renders what it needs.
final class SampleCache: Sendable {
    /// One poll's samples and, once a scrape asked for it, their text.
    private final class Entry: Sendable {
        let samples: [Sample]
        let up: [Sample]
        /// The lowest `up` of this poll (0 when any of its checks failed); `nil` when it reported none.
        let lowestUp: Double?
        private let rendered = Mutex<MetricFamilies?>(nil)

        init(_ samples: [Sample]) {
            self.samples = samples
            self.up = samples.filter { $0.name == "up" }
            self.lowestUp = up.map(\.value).min()
        }

        /// Renders now, so that the next scrape finds the text ready.
        func render() { _ = families }

        var families: MetricFamilies {
            rendered.withLock { cached in
                if let cached { return cached }
                let families = MetricFamilies(rendering: samples)
                cached = families
                return families
            }
        }
    }

    /// How long after a scrape of device samples polls are still rendered as they arrive.
    static let activeScraping: Duration = .seconds(600)

    /// Each device's entries by source: a device's scrape reads its own entries, not every device's.
    private let devices = Mutex<[DeviceID: [String: Entry]]>([:])
    /// The devices configured since the latest reload (`nil` before any): a poll of any other, in flight when its
    /// device was removed, is not kept. Read and written under `devices`' lock.
    private let configured = Mutex<Set<DeviceID>?>(nil)
    private let lastScrape = Mutex<ContinuousClock.Instant?>(nil)
    /// Each device's lowest latest `up` over its sources, kept as polls arrive (taken after `devices`' lock).
    private let lowestUp = Mutex<[String: Double]>([:])

    /// Replaces the samples of `device` from `source`, rendering them at once while device samples are scraped.
    func replace(device: DeviceID, source: String, with newSamples: [Sample]) {
        let entry = Entry(newSamples)
        if let last = lastScrape.withLock({ $0 }), ContinuousClock.now - last < Self.activeScraping {
            entry.render()
        }
        devices.withLock { devices in
            if let configured = configured.withLock({ $0 }), !configured.contains(device) { return }
            devices[device, default: [:]][source] = entry
            let lowest = devices[device]?.values.compactMap(\.lowestUp).min()
            lowestUp.withLock { $0[device.rawValue] = lowest }
        }
    }

    /// Drops the samples of every device not in `devices` (devices removed by a configuration reload), and refuses
    /// their polls from now on (a run that was in flight when its device was removed).
    func forget(devicesOtherThan devices: Set<DeviceID>) {
        self.devices.withLock { entries in
            configured.withLock { $0 = devices }
            entries = entries.filter { devices.contains($0.key) }
            lowestUp.withLock { lowest in lowest = lowest.filter { devices.contains(DeviceID($0.key)) } }
        }
    }

    /// Every device's rendered samples, by device and source.
    func allFamilies() -> [MetricFamilies] {
        noteScrape()
        let snapshot = devices.withLock { $0 }
        return snapshot.keys.sorted { $0.rawValue < $1.rawValue }.flatMap { device in
            Self.families(of: snapshot[device] ?? [:])
        }
    }

    /// One device's rendered samples, by source; empty before its first poll.
    func families(of device: DeviceID) -> [MetricFamilies] {
        noteScrape()
        return Self.families(of: devices.withLock { $0[device] } ?? [:])
    }

    private static func families(of sources: [String: Entry]) -> [MetricFamilies] {
        sources.keys.sorted().compactMap { sources[$0]?.families }
    }

    private func noteScrape() {
        lastScrape.withLock { $0 = .now }
    }

    /// The latest samples of `device`, every source's, in source order (for the console's device page; it renders
    /// nothing and does not count as a scrape).
    func samples(of device: DeviceID) -> [Sample] {
        let sources = devices.withLock { $0[device] } ?? [:]
        return sources.keys.sorted().flatMap { sources[$0]?.samples ?? [] }
    }

    /// The lowest latest `up` of each device over its sources (0 when any of its probes failed), by device name;
    /// kept as polls arrive, so the console's devices list can ask every second.
    func lowestUpByDevice() -> [String: Double] {
        lowestUp.withLock { $0 }
    }

    /// The latest `up` sample of every device and source.
    func upSamples() -> [Sample] {
        devices.withLock { Array($0.values.flatMap(\.values).map(\.up).joined()) }
    }
}
