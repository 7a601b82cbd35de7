import VedettaCore
import VedettaIncidents

/// Everything a report computes over one period, in one pass over the incidents and one sweep over each device's
/// downtime: the figures of each group and of the whole, the downtime of each device and rule, the targets'
/// values, downtime per day and times to restore per week.
struct PeriodFigures {
    /// A group's key; `nil` for incidents without one.
    typealias Key = String?

    let period: Range<Int64>
    private(set) var groups: [Key: KPIReport.Group] = [:]
    private(set) var total: KPIReport.Group
    private(set) var targetValues: [Double?] = []
    private(set) var topDevices: [KPIReport.Ranked] = []
    private(set) var topRules: [KPIReport.Ranked] = []
    /// The start and time to restore of each outage that began in the period, in order of detection.
    private(set) var began: [(start: Int64, timeToRestore: Int64?)] = []
    /// Downtime per entry of `days`, ms.
    private(set) var dayDowntime: [Int64] = []

    init(
        spans: [IncidentSpan], scope: ReportScope, grouping: ReportGrouping, period: Range<Int64>,
        settings: ReportSettings, days: [Range<Int64>]
    ) {
        self.period = period
        let businessHours = settings.businessHours?.intervals(from: period.lowerBound, to: period.upperBound)
        let business = businessHours?.intervals ?? []
        let businessLength = businessHours?.length ?? 0
        let targets = Array(settings.targets.prefix(64))
        let targetDevices = targets.map { target -> [Bool] in
            var covered = Array(repeating: target.match.isEmpty, count: scope.count)
            if !target.match.isEmpty { for index in scope.devices(matching: target.match) { covered[index] = true } }
            return covered
        }

        var affected = AffectedDevices(scope: scope)
        var downtime = Array(repeating: [DowntimeEntry](), count: scope.count)
        var planned = Array(repeating: [DowntimeEntry](), count: scope.count)
        var totalTally = IncidentTally()
        var keyIndex: [Key: Int] = [:]
        var keyTallies: [IncidentTally] = []
        var ruleIndex: [String: Int] = [:]
        var ruleNames: [String] = []
        var ruleIncidents: [Int] = []
        var targetTallies = Array(repeating: IncidentTally(), count: targets.count)
        var deviceIncidents = Array(repeating: 0, count: scope.count)
        var began: [(start: Int64, timeToRestore: Int64?)] = []

        func keyNumber(_ key: Key) -> Int {
            if let known = keyIndex[key] { return known }
            keyIndex[key] = keyTallies.count
            keyTallies.append(IncidentTally())
            return keyTallies.count - 1
        }

        for span in spans where Outage.mayTouch(span, period) {
            let outage = Outage(span, period: period)
            guard outage.isRelevant else { continue }
            let devices = affected.of(span)
            totalTally.add(outage)
            if outage.began {
                for device in devices { deviceIncidents[device] += 1 }
                if let start = outage.start { began.append((start, outage.timeToRestore)) }
            }
            let rule: Int
            if let known = ruleIndex[span.rule] {
                rule = known
            } else {
                rule = ruleNames.count
                ruleIndex[span.rule] = rule
                ruleNames.append(span.rule)
                ruleIncidents.append(0)
            }
            if outage.began { ruleIncidents[rule] += 1 }
            // The group's tally; in groupings by kind, also the key its downtime counts under.
            var kindKey: Int32 = -1
            switch grouping {
            case .rule, .severity, .category:
                let key: Key =
                    grouping == .rule ? span.rule : grouping == .severity ? span.severity.rawValue : span.category
                let number = keyNumber(key)
                keyTallies[number].add(outage)
                kindKey = Int32(number)
            case .site, .role, .device:
                let label = grouping.label ?? ""
                if let own = span.labels[label] {
                    keyTallies[keyNumber(own)].add(outage)
                } else {
                    var seen: Set<String?> = []
                    for device in devices { seen.insert(scope.labels[device][label]) }
                    if seen.isEmpty { seen.insert(nil) }
                    for key in seen { keyTallies[keyNumber(key)].add(outage) }
                }
            }
            // Targets: their incidents, and the devices whose downtime counts against them.
            var targetBits: UInt64 = 0
            for (index, target) in targets.enumerated() where span.severity >= (target.minimumSeverity ?? .info) {
                let covers = target.match.isEmpty || devices.contains { targetDevices[index][$0] }
                guard covers else { continue }
                targetTallies[index].add(outage)
                targetBits |= 1 << UInt64(index)
            }
            let isDowntime = span.severity >= settings.downtimeSeverity
            if isDowntime, !outage.outage.isEmpty {
                for device in devices {
                    var bits = targetBits
                    if bits != 0 {
                        for index in targets.indices where !targetDevices[index][device] {
                            bits &= ~(1 << UInt64(index))
                        }
                    }
                    downtime[device].append(
                        DowntimeEntry(
                            lower: outage.outage.lowerBound, upper: outage.outage.upperBound, rule: Int32(rule),
                            key: kindKey, targets: bits))
                }
            }
            if !outage.planned.isEmpty {
                for device in devices {
                    planned[device].append(
                        DowntimeEntry(
                            lower: outage.planned.lowerBound, upper: outage.planned.upperBound, rule: -1, key: kindKey,
                            targets: 0))
                }
            }
        }

        let sweep = DowntimeSweep(
            business: business, days: days, ruleCount: ruleNames.count, keyCount: keyTallies.count,
            targetCount: targets.count
        ).run(downtime)
        let plannedSweep = DowntimeSweep(
            business: [], days: [], ruleCount: 0, keyCount: keyTallies.count, targetCount: 0
        ).run(planned)
        self.dayDowntime = sweep.days
        self.began = began

        let length = period.upperBound - period.lowerBound
        let measure = Availability(length: length, businessLength: businessLength)
        let allDevices = Array(0..<scope.count)
        self.total = measure.group(
            key: nil, tally: totalTally, devices: allDevices.count,
            downtime: sweep.deviceTotal.reduce(0, +), business: sweep.deviceBusiness.reduce(0, +),
            planned: plannedSweep.deviceTotal.reduce(0, +))

        if grouping.groupsDevices {
            var devicesByKey: [Key: [Int]] = [:]
            for device in allDevices {
                devicesByKey[scope.key(ofDevice: device, grouping: grouping), default: []].append(device)
            }
            for key in Set(devicesByKey.keys).union(keyIndex.keys) {
                let members = devicesByKey[key] ?? []
                groups[key] = measure.group(
                    key: key, tally: keyIndex[key].map { keyTallies[$0] } ?? IncidentTally(), devices: members.count,
                    downtime: members.reduce(0) { $0 + sweep.deviceTotal[$1] },
                    business: members.reduce(0) { $0 + sweep.deviceBusiness[$1] },
                    planned: members.reduce(0) { $0 + plannedSweep.deviceTotal[$1] })
            }
        } else {
            for (key, number) in keyIndex {
                groups[key] = measure.group(
                    key: key, tally: keyTallies[number], devices: allDevices.count, downtime: sweep.key[number],
                    business: sweep.keyBusiness[number], planned: plannedSweep.key[number])
            }
        }

        targetValues = targets.enumerated().map { index, target in
            switch target.goal {
            case .availability(_, let hours):
                let count = targetDevices[index].count { $0 }
                let (around, inBusiness) = measure.availability(
                    devices: count, downtime: sweep.target[index], business: sweep.targetBusiness[index])
                return hours == .business ? inBusiness : around
            case .timeToRestore(_, let statistic):
                return DurationSummary(milliseconds: targetTallies[index].timesToRestore)?.value(statistic)
            case .timeToAcknowledge(_, let statistic):
                return DurationSummary(milliseconds: targetTallies[index].timesToAcknowledge)?.value(statistic)
            }
        }

        topDevices = Self.top(
            allDevices.compactMap { device in
                sweep.deviceTotal[device] > 0
                    ? KPIReport.Ranked(
                        name: scope.ids[device].rawValue, downtimeSeconds: Double(sweep.deviceTotal[device]) / 1000,
                        incidents: deviceIncidents[device]) : nil
            })
        topRules = Self.top(
            ruleNames.indices.compactMap { rule in
                sweep.rule[rule] > 0
                    ? KPIReport.Ranked(
                        name: ruleNames[rule], downtimeSeconds: Double(sweep.rule[rule]) / 1000,
                        incidents: ruleIncidents[rule]) : nil
            })
    }

    /// The devices of a target.
    static func deviceCount(of target: ReportTarget, scope: ReportScope) -> Int {
        target.match.isEmpty ? scope.count : scope.devices(matching: target.match).count
    }

    private static func top(_ ranked: [KPIReport.Ranked]) -> [KPIReport.Ranked] {
        Array(
            ranked.sorted {
                $0.downtimeSeconds != $1.downtimeSeconds ? $0.downtimeSeconds > $1.downtimeSeconds : $0.name < $1.name
            }.prefix(10))
    }
}

/// Turns tallies and downtime into a group's figures for one period.
struct Availability {
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
