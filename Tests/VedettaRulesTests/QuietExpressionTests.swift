import Foundation
import Testing
import VedettaCore

@testable import VedettaRules

/// An expression that held for no series after the poll before, and none of whose series changed, is not run
/// again (``RuleEvaluator``'s quiet expressions). These tests evaluate the same polls with an evaluator that runs
/// every expression every time, and require the same evaluations, poll after poll, through everything that can
/// change what an expression reads without changing a value it reads directly.
@Suite("RuleEvaluator: quiet expressions are passed over, and evaluate exactly as if run")
struct QuietExpressionTests {
    private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Expressions over every kind of source and operation: plain selectors, comparisons, rates (two windows, so
    /// that a longer gap between polls changes one and not the other), range functions, `absent`, `and`, `or`,
    /// `unless` (one whose result appears when a rate goes away: after a long gap, or after a restart), arithmetic,
    /// aggregations and a comparison with `bool` (which always yields series).
    private static let expressions = [
        "status == 2",
        "status == 2 and admin == 1",
        "status == 2 and admin == 1 and (min_over_time(status[15m]) == 1 or status{alias=~\".*page.*\"})",
        "rate(errors[5m]) > 0.5",
        "rate(errors[15m]) >= 0",
        "admin == 1 unless rate(errors[5m]) >= 0",
        "increase(errors[1h]) > 20",
        "changes(status[30m]) > 2",
        "max_over_time(temperature[10m]) > 70",
        "avg_over_time(temperature[10m]) < 41",
        "delta(temperature[10m]) > 5",
        "count_over_time(temperature[10m]) < 3",
        "absent(uptime)",
        "uptime < 600",
        "fan != 1 unless fan == 5",
        "temperature - 30 > 15",
        "sum by (device) (status == 2) > 2",
        "count(admin == 1) < 4",
        "temperature > bool 100",
        "up == 0",
    ]

    /// With `padding` other expressions compiled first: with none, every slot is below 64 and an expression is
    /// asked whether it has data and is quiet through one word of bits; with 70, its slots are above and it is
    /// asked slot by slot.
    @Test(
        "every expression, after every poll of a device whose series hold still, change, leave, reset and fail",
        arguments: [0, 70])
    func sameAsRun(padding: Int) throws {
        var program = RuleProgram()
        for index in 0..<padding { _ = program.add(try RuleExpression.parse("other_\(index) > 1")) }
        let ids = try Self.expressions.map { program.add(try RuleExpression.parse($0)) }
        var quiet = RuleEvaluator(program: program)
        var running = RuleEvaluator(program: program)
        running.passesOverQuietExpressions = false
        var generator = DeterministicGenerator(state: 3)
        let device: LabelSet = ["device": "pbx-1", "probe": "snmp"]
        var status = [1.0, 1, 2, 1, 1, 2]
        var admin = [1.0, 1, 1, 1, 2, 1]
        var errors = [0.0, 10, 20, 30, 40, 50]
        var temperature = 40.0
        var fan = 1.0
        var uptimeMissing = false
        var time = t0
        var passedOver = 0
        for step in 0..<3000 {
            // Mostly a poll a minute; now and then a longer gap (longer than the shorter rate window).
            time += Int.random(in: 0..<40, using: &generator) == 0 ? 420 : 60
            let roll = { (n: Int) -> Bool in Int.random(in: 0..<n, using: &generator) == 0 }
            for port in status.indices {
                if roll(60) { status[port] = status[port] == 1 ? 2 : 1 }
                if roll(200) { admin[port] = admin[port] == 1 ? 2 : 1 }
                if roll(25) { errors[port] += Double(Int.random(in: 1...60, using: &generator)) }
                if roll(500) { errors[port] = 0 }  // a reset
            }
            if roll(10) { temperature = Double(Int.random(in: 38...75, using: &generator)) }
            if roll(300) { temperature = .nan }
            if roll(100) { fan = [1, 2, 5].randomElement(using: &generator) ?? 1 }
            // A failed poll has nothing but `up`; a check that fails softly keeps its other samples. `uptime`
            // goes missing for stretches (for `absent`).
            let failed = roll(50)
            let softFailure = !failed && roll(8)
            if roll(30) { uptimeMissing.toggle() }
            var samples = [Sample(name: "up", labels: device, value: failed || softFailure ? 0 : 1)]
            if !failed {
                for port in status.indices where !(port == 5 && roll(30)) {  // a port that comes and goes
                    let labels = device.merging(["ifIndex": "\(port)", "alias": port == 0 ? "uplink page" : ""])
                    samples.append(Sample(name: "status", labels: labels, value: status[port]))
                    samples.append(Sample(name: "admin", labels: labels, value: admin[port]))
                    samples.append(
                        Sample(
                            name: "errors", labels: labels, value: errors[port], kind: .counter, counterWidth: .bits32))
                }
                samples.append(Sample(name: "temperature", labels: device, value: temperature))
                samples.append(Sample(name: "fan", labels: device, value: fan))
                if !uptimeMissing { samples.append(Sample(name: "uptime", labels: device, value: 86_400)) }
            }
            if roll(400) {
                // A device that restarted: both forget their rates before the poll.
                quiet.forgetRates(of: DeviceID("pbx-1"))
                running.forgetRates(of: DeviceID("pbx-1"))
            }
            // Some polls twice at one instant (the same poll read again), once with a changed value.
            let repeats = roll(100) ? 2 : 1
            for repeated in 0..<repeats {
                if repeated == 1, samples.count > 2 { samples[1] = Sample(name: "up", labels: device, value: 1) }
                quiet.read(samples, at: time)
                running.read(samples, at: time)
                for (index, id) in ids.enumerated() {
                    if quiet.isQuiet(id.index) { passedOver += 1 }
                    let expected = running.evaluate(id)
                    let actual = quiet.evaluate(id)
                    #expect(
                        actual == expected,
                        "\(Self.expressions[index]) at step \(step): run \(expected), passed over \(actual)")
                    if actual != expected { return }
                }
            }
        }
        // The quiet polls are the common case: most expressions were passed over most of the time.
        #expect(passedOver > 3000 * Self.expressions.count / 4)
    }
}
