public import Foundation
public import VedettaCore

/// Per-device incident figures for a period `[from, to)`: count, MTTR, MTTA, downtime and availability.
///
/// The report uses only what was known at `to`: a restoration or acknowledgement at or after `to` counts as not
/// having happened yet. Every incident given counts as downtime, so pass only the incidents that mean "down"
/// (for example, filter by severity or rule first). Incidents without a `device` label are left out.
///
/// This is the engine of the KPI reports (`vedetta report`, still to come): nothing in the agent calls it yet, and
/// its tests pin the figures the reports will be built on.
public struct IncidentReport: Sendable, Hashable {
    /// The figures of one device.
    public struct Figures: Sendable, Hashable {
        /// Incidents detected in the period.
        public var incidentCount: Int
        /// Mean time to restore of the incidents detected in the period and restored before its end.
        public var meanTimeToRestore: Duration?
        /// Mean time to acknowledge of the incidents detected in the period and acknowledged before its end.
        public var meanTimeToAcknowledge: Duration?
        /// The time within the period during which at least one incident was active; overlaps count once.
        public var downtime: Duration
        /// The share of the period without downtime, in percent (0–100).
        public var availability: Double

        /// Creates figures.
        ///
        /// - Parameters:
        ///   - incidentCount: Incidents detected in the period.
        ///   - meanTimeToRestore: Mean time to restore.
        ///   - meanTimeToAcknowledge: Mean time to acknowledge.
        ///   - downtime: Time with at least one active incident.
        ///   - availability: Percent of the period without downtime.
        public init(
            incidentCount: Int = 0,
            meanTimeToRestore: Duration? = nil,
            meanTimeToAcknowledge: Duration? = nil,
            downtime: Duration = .zero,
            availability: Double = 100
        ) {
            self.incidentCount = incidentCount
            self.meanTimeToRestore = meanTimeToRestore
            self.meanTimeToAcknowledge = meanTimeToAcknowledge
            self.downtime = downtime
            self.availability = availability
        }
    }

    /// The start of the period (included).
    public let from: Date
    /// The end of the period (excluded).
    public let to: Date
    /// The figures of every device with an incident detected or active in the period.
    public let devices: [DeviceID: Figures]

    /// Computes the report for `[from, to)`. An empty or reversed period gives a report without devices.
    ///
    /// - Parameters:
    ///   - incidents: The incidents to consider; those outside the period are ignored.
    ///   - from: The start of the period (included).
    ///   - to: The end of the period (excluded).
    public init(incidents: [Incident], from: Date, to: Date) {
        self.from = from
        self.to = to
        let periodLength = Self.milliseconds(from: from, to: to)
        guard periodLength > 0 else {
            self.devices = [:]
            return
        }
        var byDevice: [DeviceID: [Incident]] = [:]
        for incident in incidents {
            guard let device = incident.device else { continue }
            byDevice[device, default: []].append(incident)
        }
        var devices: [DeviceID: Figures] = [:]
        for (device, deviceIncidents) in byDevice {
            let figures = Self.figures(of: deviceIncidents, from: from, to: to, periodLength: periodLength)
            if figures.incidentCount > 0 || figures.downtime > .zero { devices[device] = figures }
        }
        self.devices = devices
    }

    /// The figures of `device`; a device without incidents in the period has none and is 100 % available.
    ///
    /// - Parameter device: The device.
    /// - Returns: Its figures.
    public func figures(for device: DeviceID) -> Figures {
        devices[device] ?? Figures()
    }

    private static func figures(of incidents: [Incident], from: Date, to: Date, periodLength: Int64) -> Figures {
        var count = 0
        var restoreTimes: [Int64] = []
        var acknowledgeTimes: [Int64] = []
        var intervals: [(start: Int64, end: Int64)] = []
        for incident in incidents {
            let detected = milliseconds(from: from, to: incident.detectedAt)
            let restored = incident.restoredAt.map { milliseconds(from: from, to: $0) }
            let acknowledged = incident.acknowledgedAt.map { milliseconds(from: from, to: $0) }
            if detected >= 0, detected < periodLength {
                count += 1
                if let restored, restored < periodLength { restoreTimes.append(max(0, restored - detected)) }
                if let acknowledged, acknowledged < periodLength {
                    acknowledgeTimes.append(max(0, acknowledged - detected))
                }
            }
            let start = max(detected, 0)
            let end = min(restored ?? periodLength, periodLength)
            if start < end { intervals.append((start, end)) }
        }
        let down = unionLength(of: intervals)
        return Figures(
            incidentCount: count,
            meanTimeToRestore: mean(restoreTimes),
            meanTimeToAcknowledge: mean(acknowledgeTimes),
            downtime: .milliseconds(down),
            availability: 100 * Double(periodLength - down) / Double(periodLength)
        )
    }

    /// The total length covered by `intervals`, counting overlaps once.
    private static func unionLength(of intervals: [(start: Int64, end: Int64)]) -> Int64 {
        var total: Int64 = 0
        var current: (start: Int64, end: Int64)?
        for interval in intervals.sorted(by: { $0.start < $1.start }) {
            if let open = current, interval.start <= open.end {
                current = (open.start, max(open.end, interval.end))
            } else {
                if let open = current { total += open.end - open.start }
                current = interval
            }
        }
        if let open = current { total += open.end - open.start }
        return total
    }

    private static func mean(_ values: [Int64]) -> Duration? {
        guard !values.isEmpty else { return nil }
        let sum = values.reduce(0.0) { $0 + Double($1) }
        return .milliseconds(Int64((sum / Double(values.count)).rounded()))
    }

    /// Signed milliseconds from `start` to `end`, clamped to ±100 years so arithmetic cannot overflow.
    private static func milliseconds(from start: Date, to end: Date) -> Int64 {
        let limit = 100 * 366 * 86_400_000.0
        let value = (end.timeIntervalSince(start) * 1000).rounded()
        guard value.isFinite else { return value > 0 ? Int64(limit) : -Int64(limit) }
        return Int64(min(max(value, -limit), limit))
    }
}
