// SNMP answers decoded: the work of the polling thread per GETBULK answer of a column walk, without the network.
// A router's interface table as snmpsim serves the Juniper MX960 recording (91 interfaces, 27 IF-MIB columns: three
// text columns of 10 to 48 characters, 64-bit counters, gauges and enumerations) is walked the way the agent walks
// it: the real `SNMPExchange` asks, the real `SNMPMessage` encodes each request and decodes each answer. The answers
// come from a table in memory, cut as pysnmp cuts them (at most 64 values, whole repetitions). The first walk records
// them; every later walk replays the recording, so that a walk is the polling thread's own work only: encode, decode,
// add to the columns.
//
// Usage: .build/release/snmp-decoding [WALKS] [ROUNDS]   (defaults 2,000 and 7)
// Prints the thread CPU time per walk and per value of each round, then the fastest. instructions.sh counts it.
import Foundation
import SNMPKit
import VedettaCore

let walks = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2_000 : 2_000
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 7 : 7
guard (1...1_000_000).contains(walks), (1...100).contains(rounds) else {
    FileHandle.standardError.write(Data("WALKS 1...1000000, ROUNDS 1...100\n".utf8))
    exit(64)
}

let table = InterfaceTable(rows: 91)
let community = Array("router".utf8)

/// One walk of the table's columns: every request encoded (numbered from `requestID` on, as a session numbers
/// them), every answer (from `answers`, in order, or asked of the table and appended to it when `answers` runs out)
/// decoded and given to the exchange.
/// - Returns: The values walked, and the columns' sizes.
@inline(never)
func walk(
    answers: inout [[UInt8]], sizes: [SNMPColumn.Size], requestID: inout Int32
) -> (values: Int, sizes: [SNMPColumn.Size]) {
    var exchange = SNMPExchange(
        kind: .walkColumns(roots: table.columns, maxRepetitions: 25, expectedSizes: sizes), version: .v2c,
        target: "router")
    var action = exchange.start()
    var answer = 0
    while true {
        switch action {
        case .send(let request):
            requestID = requestID == Int32.max ? 1 : requestID + 1
            let datagram = SNMPMessage.encode(request, requestID: requestID, version: .v2c, community: community)
            if answer == answers.count { answers.append(table.answer(to: request)) }
            guard !answers[answer].isEmpty, !datagram.isEmpty else { fail("an empty datagram") }
            let bytes = answers[answer]
            answer += 1
            do {
                let decoded = try bytes.withUnsafeBytes { try SNMPMessage.decodeResponse($0) }
                action = exchange.receive(decoded.response)
            } catch {
                fail("answer \(answer) does not decode: \(error)")
            }
        case .finishColumns(let columns):
            return (columns.reduce(0) { $0 + $1.count }, columns.map(\.size))
        case .finish, .fail:
            fail("the walk did not end with its columns: \(action)")
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("snmp-decoding: \(message)\n".utf8))
    exit(70)
}

func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

// The first walk asks the table and records its answers, and gives the sizes the agent keeps for the next walk.
var answers: [[UInt8]] = []
var requestID: Int32 = 0
let first = walk(answers: &answers, sizes: [], requestID: &requestID)
let requests = answers.count
print(
    "snmp-decoding: \(table.columns.count) columns of \(table.rows) rows, \(first.values) values a walk,"
        + " \(requests) requests (answers of at most \(InterfaceTable.answerCap) values)")
var best = Double.infinity
for round in 1...rounds {
    let start = threadCPUSeconds()
    for _ in 0..<walks {
        let walked = walk(answers: &answers, sizes: first.sizes, requestID: &requestID)
        guard walked.values == first.values, answers.count == requests else { fail("a walk differs from the first") }
    }
    let perWalk = (threadCPUSeconds() - start) / Double(walks)
    best = min(best, perWalk)
    print(
        String(
            format: "  round %d: %.1f µs a walk, %.0f ns a value", round, perWalk * 1e6,
            perWalk * 1e9 / Double(first.values)))
}
print(String(format: "  fastest: %.1f µs a walk, %.0f ns a value", best * 1e6, best * 1e9 / Double(first.values)))
