public import Logging
import Metrics
package import VedettaCore

/// One run of one scheduled probe, as the scheduler does it each time and `vedetta probe DEVICE` does it once:
/// under its deadline, with the `probe` label on every sample and `up` and `probe_duration_seconds` added.
///
/// Probes that bound each request by the time left (``Probe/finishesByDeadline``, as the SNMP and HTTP probes do)
/// are called directly; any other probe runs under a watchdog that cancels it past the deadline and reports a
/// `.timeout` failure. Deadlines are on the continuous clock, whatever clock schedules the runs.
public enum ProbeRunner {
    /// Runs one probe once, exactly as the scheduler does on each of its runs: under its deadline, with the
    /// `probe` label on every sample and `up` and `probe_duration_seconds` added. `vedetta probe DEVICE` uses it to
    /// show what the rules will see.
    /// - Parameters:
    ///   - scheduled: The probe, its target and its timeout.
    ///   - logger: The parent logger; the run logs with `probe.target` and `probe.kind`.
    /// - Returns: The report, as the scheduler's consumer would receive it.
    public static func run(_ scheduled: ScheduledProbe, logger parent: Logger) async -> ProbeReport {
        await run(scheduled, runLogger: runLogger(for: scheduled, parent: parent))
    }

    /// The logger of `scheduled`'s runs: `parent` with `probe.target` and `probe.kind`. The scheduler makes it once
    /// per probe rather than once per run (setting metadata copies and re-renders the handler's metadata).
    public static func runLogger(for scheduled: ScheduledProbe, parent: Logger) -> Logger {
        var logger = parent
        logger[metadataKey: "probe.target"] = "\(scheduled.target.device)"
        logger[metadataKey: "probe.kind"] = "\(scheduled.probe.kind)"
        return logger
    }

    /// ``run(_:logger:)`` with the run logger already made by ``runLogger(for:parent:)``.
    public static func run(_ scheduled: ScheduledProbe, runLogger logger: Logger) async -> ProbeReport {
        let started = ContinuousClock.now
        let deadline = started + scheduled.timeout
        let probeLogger = logger
        let kindLabel = scheduled.probe.kind.rawValue
        // The probe gets the `probe` label with the target's, so its samples carry it from the start.
        var target = scheduled.target
        target.labels["probe"] = kindLabel
        let labelledTarget = target
        var result: ProbeResult
        if scheduled.probe.finishesByDeadline {
            result = await scheduled.probe.probe(labelledTarget, deadline: deadline, logger: probeLogger)
        } else {
            result = await watched(scheduled, target: labelledTarget, deadline: deadline, logger: probeLogger)
        }
        let finished = ContinuousClock.now
        let duration = finished - started
        label(&result.samples, probe: kindLabel)
        let labels = target.labels
        // Whether the run brought anything from the device, before `up` and the duration are added.
        let carriesDeviceData = !result.samples.isEmpty
        result.samples.append(
            Sample(
                name: "up", labels: labels, value: result.succeeded ? 1 : 0,
                help: "1 if the last probe of the device succeeded, else 0."))
        result.samples.append(
            Sample(
                name: "probe_duration_seconds", labels: labels, value: duration.seconds,
                help: "How long the last probe of the device took, in seconds."))
        // Constants come with whatever the run brought from the device. A poll that brought nothing says nothing
        // about the device, so a rule comparing against a constant has no data (and resolves nothing) when the
        // device does not answer; a poll that failed half-way (a timeout after the first tables) keeps the values it
        // got comparable, instead of resolving the alert for want of the constant.
        if result.succeeded || carriesDeviceData {
            for constant in target.constants {
                result.samples.append(
                    Sample(
                        name: constant.name, labels: labels, value: constant.value,
                        help: "A number about the device from its configuration (constants:)."))
            }
        }
        guard !Task.isCancelled else {
            // Shutdown: the run was cut short; it is neither counted nor logged as a device failure.
            result.outcome = .failure(ProbeFailure(.other, "cancelled by shutdown"))
            return ProbeReport(
                target: scheduled.target, kind: scheduled.probe.kind, result: result,
                duration: duration, finishedAt: finished)
        }
        recordMetrics(kind: scheduled.probe.kind, result: result, duration: duration)
        if case .failure(let failure) = result.outcome {
            logger.info("probe failed", metadata: ["probe.reason": "\(failure.code)", "error": "\(failure.message)"])
        } else {
            logger.debug("probe succeeded", metadata: ["probe.samples": "\(result.samples.count)"])
        }
        return ProbeReport(
            target: scheduled.target,
            kind: scheduled.probe.kind,
            result: result,
            duration: duration,
            finishedAt: finished
        )
    }

    /// Sets the `probe` label of every sample of `samples` to `kind`. Samples share label sets (a table row's,
    /// across the table's columns), so a label set found to carry the label is remembered by its fingerprint and
    /// not searched again: a poll of 2,000 samples searches about as many label sets as the tables have rows.
    package static func label(_ samples: inout [Sample], probe kind: String) {
        // A direct-mapped memory of the fingerprints of label sets known to carry the label, with room for about
        // twice as many sets as there are samples (at most 8,192), so that few sets share a slot; 0 is no
        // fingerprint (a set whose fingerprint is 0 is merely searched every time).
        var slots = 16
        while slots < 8_192, slots < 2 * samples.count { slots *= 2 }
        var carrying = [Int](repeating: 0, count: slots)
        // In place: a sample copied out of the array to be read would retain and release each of its strings.
        samples.withUnsafeMutableBufferPointer { samples in
            for index in samples.indices {
                let fingerprint = samples[index].labels.fingerprint
                let slot = fingerprint & (carrying.count - 1)
                if fingerprint != 0, carrying[slot] == fingerprint { continue }
                if samples[index].labels["probe"] != kind { samples[index].labels["probe"] = kind }
                let labelled = samples[index].labels.fingerprint  // another set if the label was just set
                carrying[labelled & (carrying.count - 1)] = labelled
            }
        }
    }

    private static func recordMetrics(kind: ProbeKind, result: ProbeResult, duration: Duration) {
        let outcome: String
        switch result.outcome {
        case .success: outcome = "success"
        case .failure(let failure): outcome = failure.code.rawValue
        }
        let (runs, durations) = ProbeRunMetrics.shared.handlers(kind: kind.rawValue, outcome: outcome)
        runs.increment()
        durations.recordNanoseconds(Int64(duration.seconds * 1e9))
    }

    /// Runs a probe that does not bound itself under a watchdog: past the deadline (and a short grace for the probe
    /// to report its own timeout with partial samples) the run is cancelled and reported as a timeout.
    private static func watched(
        _ scheduled: ScheduledProbe,
        target: Target,
        deadline: ContinuousClock.Instant,
        logger: Logger
    ) async -> ProbeResult {
        await withTaskGroup(of: ProbeResult?.self) { group in
            group.addTask {
                await scheduled.probe.probe(target, deadline: deadline, logger: logger)
            }
            group.addTask {
                // Grace after the deadline for the probe to report its own timeout with partial samples.
                try? await Task.sleep(until: deadline + .milliseconds(250), clock: .continuous)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
            ?? ProbeResult(
                outcome: .failure(
                    ProbeFailure(
                        .timeout, "no answer from \(scheduled.target) within \(scheduled.timeout.compactDescription)")
                )
            )
    }
}
