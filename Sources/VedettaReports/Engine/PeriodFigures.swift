import VedettaCore
import VedettaIncidents

/// Everything a report computes over one period: the figures of each group and of the whole, the downtime of each
/// device and rule, and the targets' values.
struct PeriodFigures {
    /// A group's key; `nil` for incidents without one.
    typealias Key = String?

    let period: Range<Int64>
    let outages: [SpanOutage]
    var groups: [Key: KPIReport.Group] = [:]
    var total: KPIReport.Group
    /// Each device's downtime in the period, merged.
    let deviceDowntime: [DeviceID: IntervalSet]
    var targetValues: [Double?] = []

    init(
        spans: [IncidentSpan], scope: ReportScope, grouping: ReportGrouping, period: Range<Int64>,
        settings: ReportSettings
    ) {
        self.period = period
        let business = settings.businessHours?.intervals(from: period.lowerBound, to: period.upperBound)
        let outages = spans.map {
            SpanOutage($0, affected: scope.affected(by: $0), period: period, downtimeSeverity: settings.downtimeSeverity)
        }.filter(\.isRelevant)
        self.outages = outages
        let measure = Measure(period: period, business: business)

        let deviceDowntime = Self.downtime(of: outages, planned: false)
        let devicePlanned = Self.downtime(of: outages, planned: true)
        self.deviceDowntime = deviceDowntime
        self.total = measure.group(
            key: nil, outages: outages, devices: scope.deviceOrder, downtime: deviceDowntime, planned: devicePlanned)

        var outagesByKey: [Key: [SpanOutage]] = [:]
        for outage in outages {
            for key in scope.keys(of: outage.span, affected: outage.affected, grouping: grouping) {
                outagesByKey[key, default: []].append(outage)
            }
        }
        if grouping.groupsDevices {
            var devicesByKey: [Key: [DeviceID]] = [:]
            for device in scope.deviceOrder {
                devicesByKey[scope.key(of: device, grouping: grouping), default: []].append(device)
            }
            for key in Set(devicesByKey.keys).union(outagesByKey.keys) {
                groups[key] = measure.group(
                    key: key, outages: outagesByKey[key] ?? [], devices: devicesByKey[key] ?? [],
                    downtime: deviceDowntime, planned: devicePlanned)
            }
        } else {
            for (key, kindOutages) in outagesByKey {
                groups[key] = measure.group(
                    key: key, outages: kindOutages, devices: scope.deviceOrder,
                    downtime: Self.downtime(of: kindOutages, planned: false),
                    planned: Self.downtime(of: kindOutages, planned: true))
            }
        }
        targetValues = settings.targets.map { target in
            Self.value(of: target, outages: outages, scope: scope, measure: measure)
        }
    }

    /// The downtime (or planned time) of each device, merged.
    static func downtime(of outages: [SpanOutage], planned: Bool) -> [DeviceID: IntervalSet] {
        var ranges: [DeviceID: [Range<Int64>]] = [:]
        for outage in outages {
            let range: Range<Int64>
            if planned {
                range = outage.planned
            } else if outage.isDowntime {
                range = outage.outage
            } else {
                continue
            }
            guard !range.isEmpty else { continue }
            for device in outage.affected { ranges[device, default: []].append(range) }
        }
        return ranges.mapValues { IntervalSet($0) }
    }

    /// The devices a target covers.
    static func devices(of target: ReportTarget, scope: ReportScope) -> [DeviceID] {
        target.match.isEmpty ? scope.deviceOrder : scope.devices(matching: target.match)
    }

    private static func value(of target: ReportTarget, outages: [SpanOutage], scope: ReportScope, measure: Measure)
        -> Double?
    {
        let devices = Self.devices(of: target, scope: scope)
        let covered = Set(devices)
        let minimum = target.minimumSeverity ?? .info
        let relevant = outages.filter { outage in
            outage.span.severity >= minimum && (target.match.isEmpty || outage.affected.contains(where: covered.contains))
        }
        switch target.goal {
        case .availability(_, let hours):
            let downtime = Self.downtime(of: relevant, planned: false)
            let (around, business) = measure.availability(devices: devices, downtime: downtime)
            return hours == .business ? business : around
        case .timeToRestore(_, let statistic):
            return DurationSummary(milliseconds: relevant.compactMap(\.timeToRestore))?.value(statistic)
        case .timeToAcknowledge(_, let statistic):
            return DurationSummary(milliseconds: relevant.compactMap(\.timeToAcknowledge))?.value(statistic)
        }
    }
}

/// Turns outages and downtime into a group's figures for one period.
struct Measure {
    let period: Range<Int64>
    let business: IntervalSet?

    func group(
        key: String?, outages: [SpanOutage], devices: [DeviceID], downtime: [DeviceID: IntervalSet],
        planned: [DeviceID: IntervalSet]
    ) -> KPIReport.Group {
        let (around, inBusiness) = availability(devices: devices, downtime: downtime)
        let down = devices.reduce(Int64(0)) { $0 + (downtime[$1]?.length ?? 0) }
        let plannedTime = devices.reduce(Int64(0)) { $0 + (planned[$1]?.length ?? 0) }
        return KPIReport.Group(
            key: key,
            devices: devices.count,
            incidents: outages.count { $0.beganInPeriod },
            plannedIncidents: outages.count { $0.plannedInPeriod },
            timeToAcknowledge: DurationSummary(milliseconds: outages.compactMap(\.timeToAcknowledge)),
            timeToRestore: DurationSummary(milliseconds: outages.compactMap(\.timeToRestore)),
            downtimeSeconds: Double(down) / 1000,
            plannedDowntimeSeconds: Double(plannedTime) / 1000,
            availability: around,
            businessAvailability: inBusiness,
            previous: nil
        )
    }

    /// Availability around the clock and within business hours of `devices`, in percent.
    func availability(devices: [DeviceID], downtime: [DeviceID: IntervalSet]) -> (Double?, Double?) {
        let length = period.upperBound - period.lowerBound
        guard !devices.isEmpty, length > 0 else { return (nil, nil) }
        var down: Int64 = 0
        var downInBusiness: Int64 = 0
        for device in devices {
            guard let set = downtime[device] else { continue }
            down += set.length
            if let business { downInBusiness += set.intersection(business).length }
        }
        let count = Double(devices.count)
        let around = 100 * (1 - Double(down) / (count * Double(length)))
        guard let business, business.length > 0 else { return (around, nil) }
        return (around, 100 * (1 - Double(downInBusiness) / (count * Double(business.length))))
    }
}
