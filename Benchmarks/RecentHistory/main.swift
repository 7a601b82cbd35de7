// The console's recent history at scale: DEVICES devices × SERIES series each (interface counters and gauges with
// real-looking labels), one poll a minute per device in simulated time, recorded through the real RecentHistory.
// Reports the CPU per sample recorded once every series exists, the memory per series kept (the resident set's
// growth over the series count), and the time to read one device's history (what the device page and the API do).
// Pure CPU; no network. Bounded by CYCLES.
//
// Usage: recent-history [DEVICES] [SERIES] [CYCLES] [MAX_SERIES]   (defaults: 10000 100 20, every series kept)
import Foundation
import VedettaCore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let deviceCount = arguments.count > 0 ? arguments[0] : 10_000
let seriesCount = arguments.count > 1 ? arguments[1] : 100
let cycles = arguments.count > 2 ? arguments[2] : 20
/// The series limit: by default every series is kept, to measure the memory of each.
let maximumSeries = arguments.count > 3 ? arguments[3] : deviceCount * seriesCount
guard (1...100_000).contains(deviceCount), (4...10_000).contains(seriesCount), (3...1000).contains(cycles) else {
    FileHandle.standardError.write(Data("DEVICES 1...100000, SERIES 4...10000, CYCLES 3...1000\n".utf8))
    exit(64)
}

/// Resident memory in bytes, from /proc/self/statm. Each poll is built just before it is recorded and freed right
/// after, so the growth over the run is what the history holds (and the allocator's slack around it).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// This thread's CPU time in seconds, with nanosecond resolution.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Each device's samples of one poll: a quarter gauges (oper status, speed), the rest counters (octets, errors).
func poll(_ device: Int, cycle: Int) -> [Sample] {
    let name = String(format: "dev-%05d", device)
    return (0..<seriesCount).map { index in
        let port = index / 4 + 1
        let labels: LabelSet = [
            "device": name, "ifIndex": String(port), "ifName": "GigabitEthernet1/0/\(port)",
            "ifAlias": "access port \(port) - floor 2 call center", "probe": "snmp",
        ]
        switch index % 4 {
        case 0: return Sample(name: "ifOperStatus", labels: labels, value: 1)
        case 1: return Sample(name: "ifHCInOctets", labels: labels, value: Double(cycle * 6_000_000), kind: .counter)
        case 2: return Sample(name: "ifHCOutOctets", labels: labels, value: Double(cycle * 3_000_000), kind: .counter)
        default: return Sample(name: "ifInErrors", labels: labels, value: Double(cycle / 5), kind: .counter)
        }
    }
}

let history = RecentHistory(
    settings: .init(keep: .seconds(6 * 3600), step: .seconds(300), maximumSeries: maximumSeries))
let start = Date(timeIntervalSince1970: 1_796_378_400)
let before = residentBytes()
var recordSeconds = 0.0
var steadySamples = 0
for cycle in 0..<cycles {
    let at = start.addingTimeInterval(Double(cycle) * 60)
    for device in 0..<deviceCount {
        // Each poll's samples are built untimed, fresh as a probe builds them; only the recording is timed.
        let samples = poll(device, cycle: cycle)
        let id = DeviceID(String(format: "dev-%05d", device))
        let cpu = threadCPUSeconds()
        history.record(device: id, source: "snmp", samples: samples, at: at)
        if cycle > 0 { recordSeconds += threadCPUSeconds() - cpu }
    }
    if cycle > 0 { steadySamples += deviceCount * seriesCount }
}
let after = residentBytes()
let readStart = threadCPUSeconds()
let reads = min(deviceCount, 200)
var points = 0
for device in 0..<reads {
    points += history.series(of: DeviceID(String(format: "dev-%05d", device))).reduce(0) { $0 + $1.points.count }
}
let readSeconds = threadCPUSeconds() - readStart

print("devices \(deviceCount), series per device \(seriesCount), cycles \(cycles) (one poll a minute, simulated)")
print(
    "series kept: \(history.seriesCount) (limit \(maximumSeries)), samples dropped: \(history.droppedSamples), points per series: \(history.settings.points) (6 h in 5 min steps)"
)
print(
    String(
        format: "record: %.0f ns CPU per sample (%.1f ms per 10,000 devices' poll)",
        recordSeconds / Double(steadySamples) * 1e9,
        recordSeconds / Double(cycles - 1) * 1e3 * 10_000 / Double(deviceCount)))
print(
    String(
        format: "memory: %.0f MB resident growth, %.0f bytes per series",
        Double(after - before) / 1e6, Double(after - before) / Double(max(1, history.seriesCount))))
print(
    String(
        format: "read one device's history (%d series, %d points read): %.3f ms CPU",
        seriesCount, points / reads, readSeconds / Double(reads) * 1e3))
