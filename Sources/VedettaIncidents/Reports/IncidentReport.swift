public import Foundation
public import VedettaCore

/// Per-device incident figures for a period `[from, to)`: count, MTTR, MTTA, downtime and availability, with
/// planned maintenance shown apart.
///
/// The report uses only what was known at `to`: a restoration or acknowledgement at or after `to` counts as not
/// having happened yet. Every incident given counts as downtime, so pass only the incidents that mean "down"
/// (for example, filter by severity or rule first). Incidents without a `device` label are left out.
///
/// **Planned maintenance.** An incident that opened inside a maintenance window
/// (``Incident/maintenanceWindowID``) is planned downtime: it counts in ``Figures/plannedDowntime`` and
/// ``Figures/plannedIncidentCount``, not in the availability, MTTA or MTTR. If it was still failing when the
/// window ended (it paged then: an `unmuted` event), the rest of it is an outage that starts at that moment, and
/// its MTTA and MTTR are measured from there.
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
        /// The share of the period without downtime, in percent (0–100); planned downtime does not count.
        public var availability: Double
        /// Incidents that opened inside a maintenance window during the period.
        public var plannedIncidentCount: Int
        /// The time within the period under planned incidents; overlaps count once.
        public var plannedDowntime: Duration

        /// Creates figures.
        ///
        /// - Parameters:
        ///   - incidentCount: Incidents detected in the period.
        ///   - meanTimeToRestore: Mean time to restore.
        ///   - meanTimeToAcknowledge: Mean time to acknowledge.
        ///   - downtime: Time with at least one active incident.
        ///   - availability: Percent of the period without downtime.
        ///   - plannedIncidentCount: Incidents that opened inside a maintenance window.
        ///   - plannedDowntime: Time under planned incidents.
        public init(
            incidentCount: Int = 0,
            meanTimeToRestore: Duration? = nil,
            meanTimeToAcknowledge: Duration? = nil,
            downtime: Duration = .zero,
            availability: Double = 100,
            plannedIncidentCount: Int = 0,
            plannedDowntime: Duration = .zero
        ) {
            self.incidentCount = incidentCount
            self.meanTimeToRestore = meanTimeToRestore
            self.meanTimeToAcknowledge = meanTimeToAcknowledge
            self.downtime = downtime
            self.availability = availability
            self.plannedIncidentCount = plannedIncidentCount
            self.plannedDowntime = plannedDowntime
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
            if figures.incidentCount > 0 || figures.downtime > .zero || figures.plannedDowntime > .zero
                || figures.plannedIncidentCount > 0
            {
                devices[device] = figures
            }
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
        var plannedCount = 0
        var restoreTimes: [Int64] = []
        var acknowledgeTimes: [Int64] = []
        var intervals: [(start: Int64, end: Int64)] = []
        var plannedIntervals: [(start: Int64, end: Int64)] = []
        for incident in incidents {
            let detected = milliseconds(from: from, to: incident.detectedAt)
            let restored = incident.restoredAt.map { milliseconds(from: from, to: $0) }
            let acknowledged = incident.acknowledgedAt.map { milliseconds(from: from, to: $0) }
            let end = min(restored ?? periodLength, periodLength)
            // When the outage starts: at detection, or, for an incident that opened in maintenance, when it paged
            // after the window ended (never, if it cleared inside the window).
            var outageStart: Int64? = detected
            if incident.maintenanceWindowID != nil {
                outageStart = incident.timeline.first { $0.kind == .unmuted }.map {
                    milliseconds(from: from, to: $0.at)
                }
                if detected >= 0, detected < periodLength { plannedCount += 1 }
                let plannedEnd = min(outageStart ?? end, end)
                if max(detected, 0) < plannedEnd { plannedIntervals.append((max(detected, 0), plannedEnd)) }
            }
            guard let start = outageStart else { continue }
            if start >= 0, start < periodLength {
                count += 1
                if let restored, restored < periodLength { restoreTimes.append(max(0, restored - start)) }
                if let acknowledged, acknowledged < periodLength {
                    acknowledgeTimes.append(max(0, acknowledged - start))
                }
            }
            if max(start, 0) < end { intervals.append((max(start, 0), end)) }
        }
        let down = unionLength(of: intervals)
        return Figures(
            incidentCount: count,
            meanTimeToRestore: mean(restoreTimes),
            meanTimeToAcknowledge: mean(acknowledgeTimes),
            downtime: .milliseconds(down),
            availability: 100 * Double(periodLength - down) / Double(periodLength),
            plannedIncidentCount: plannedCount,
            plannedDowntime: .milliseconds(unionLength(of: plannedIntervals))
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
