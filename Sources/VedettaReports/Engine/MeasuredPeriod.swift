import VedettaCore
import VedettaIncidents

/// A period's counts and swept downtime, turned into figures: each group's, the whole's, the targets' values and
/// the devices and rules with the most downtime.
struct MeasuredPeriod: Sendable {
    typealias Key = String?

    let counts: PeriodAccumulator
    let downtime: DowntimeSweep.Result
    let planned: DowntimeSweep.Result
    let context: PeriodContext
    let availability: Availability

    /// The figures of the whole.
    func total() -> KPIReport.Group {
        availability.group(
            key: nil, tally: counts.total, devices: context.scope.count,
            downtime: downtime.deviceTotal.reduce(0, +), business: downtime.deviceBusiness.reduce(0, +),
            planned: planned.deviceTotal.reduce(0, +))
    }

    /// The figures of each group: in groupings by label, every key of a device or of a counted incident; in
    /// groupings by kind of incident, every key of a counted incident.
    func groups() -> [Key: KPIReport.Group] {
        let numbering = context.numbering
        let scope = context.scope
        let counted = numbering.keys.indices.filter { counts.counted[$0] }
        var groups: [Key: KPIReport.Group] = [:]
        if numbering.grouping.groupsDevices {
            var devicesByKey: [Key: [Int]] = [:]
            for device in 0..<scope.count {
                devicesByKey[scope.key(ofDevice: device, grouping: numbering.grouping), default: []].append(device)
            }
            for key in Set(devicesByKey.keys).union(counted.map { numbering.keys[$0] }) {
                let members = devicesByKey[key] ?? []
                groups[key] = availability.group(
                    key: key,
                    tally: numbering.number(of: key).map { counts.groups[$0] } ?? IncidentTally(),
                    devices: members.count,
                    downtime: members.reduce(0) { $0 + downtime.deviceTotal[$1] },
                    business: members.reduce(0) { $0 + downtime.deviceBusiness[$1] },
                    planned: members.reduce(0) { $0 + planned.deviceTotal[$1] })
            }
        } else {
            for number in counted {
                let key = numbering.keys[number]
                groups[key] = availability.group(
                    key: key, tally: counts.groups[number], devices: scope.count, downtime: downtime.key[number],
                    business: downtime.keyBusiness[number], planned: planned.key[number])
            }
        }
        return groups
    }

    /// Each target's value in the period; `total` is the whole's figures (``total()``).
    func targetValues(_ targets: [ReportTarget], total: KPIReport.Group) -> [Double?] {
        targets.enumerated().map { index, target in
            switch target.goal {
            case .availability(_, let hours):
                let count = context.targetBits.ofDevice.count { $0 & (1 << UInt64(index)) != 0 }
                let (around, inBusiness) = availability.availability(
                    devices: count, downtime: downtime.target[index], business: downtime.targetBusiness[index])
                return hours == .business ? inBusiness : around
            case .timeToRestore(_, let statistic):
                let whole = context.targetBits.times[index] == .ofTheWhole
                return (whole ? total.timeToRestore : DurationSummary(milliseconds: counts.targetTimes[index]))?
                    .value(statistic)
            case .timeToAcknowledge(_, let statistic):
                let whole = context.targetBits.times[index] == .ofTheWhole
                return (whole ? total.timeToAcknowledge : DurationSummary(milliseconds: counts.targetTimes[index]))?
                    .value(statistic)
            }
        }
    }

    /// The ten devices with the most downtime.
    func topDevices() -> [KPIReport.Ranked] {
        Self.top(
            (0..<context.scope.count).compactMap { device in
                downtime.deviceTotal[device] > 0
                    ? KPIReport.Ranked(
                        name: context.scope.ids[device].rawValue,
                        downtimeSeconds: Double(downtime.deviceTotal[device]) / 1000,
                        incidents: counts.deviceIncidents[device]) : nil
            })
    }

    /// The ten rules with the most downtime.
    func topRules(names: [String]) -> [KPIReport.Ranked] {
        Self.top(
            names.indices.compactMap { rule in
                downtime.rule[rule] > 0
                    ? KPIReport.Ranked(
                        name: names[rule], downtimeSeconds: Double(downtime.rule[rule]) / 1000,
                        incidents: counts.ruleIncidents[rule]) : nil
            })
    }

    private static func top(_ ranked: [KPIReport.Ranked]) -> [KPIReport.Ranked] {
        Array(
            ranked.sorted {
                $0.downtimeSeconds != $1.downtimeSeconds ? $0.downtimeSeconds > $1.downtimeSeconds : $0.name < $1.name
            }.prefix(10))
    }
}

/// Turns tallies and downtime into a group's figures for one period.
struct Availability: Sendable {
    /// The period's length, ms.
    let length: Int64
    /// The business hours in the period, ms (0 without a calendar).
    let businessLength: Int64

    func group(key: String?, tally: IncidentTally, devices: Int, downtime: Int64, business: Int64, planned: Int64)
        -> KPIReport.Group
    {
        let (around, inBusiness) = availability(devices: devices, downtime: downtime, business: business)
        return KPIReport.Group(
            key: key,
            devices: devices,
            incidents: tally.incidents,
            plannedIncidents: tally.plannedIncidents,
            timeToAcknowledge: DurationSummary(milliseconds: tally.timesToAcknowledge),
            timeToRestore: DurationSummary(milliseconds: tally.timesToRestore),
            downtimeSeconds: Double(downtime) / 1000,
            plannedDowntimeSeconds: Double(planned) / 1000,
            availability: around,
            businessAvailability: inBusiness,
            previous: nil
        )
    }

    /// Availability around the clock and within business hours, in percent, of `devices` devices with `downtime`
    /// device-milliseconds of downtime, `business` of them in business hours.
    func availability(devices: Int, downtime: Int64, business: Int64) -> (Double?, Double?) {
        guard devices > 0, length > 0 else { return (nil, nil) }
        let count = Double(devices)
        let around = 100 * (1 - Double(downtime) / (count * Double(length)))
        guard businessLength > 0 else { return (around, nil) }
        return (around, 100 * (1 - Double(business) / (count * Double(businessLength))))
    }
}
