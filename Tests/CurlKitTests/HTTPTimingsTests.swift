import CurlKit
import Testing

@Suite("HTTPTimings")
struct HTTPTimingsTests {
    @Test("cumulative curl instants become phase lengths that add up to the total")
    func phasesFromCumulativeHTTPS() {
        let timings = HTTPTimings(
            resolvedAt: .milliseconds(5),
            connectedAt: .milliseconds(15),
            tlsDoneAt: .milliseconds(45),
            firstByteAt: .milliseconds(100),
            endedAt: .milliseconds(130)
        )
        #expect(timings.resolve == .milliseconds(5))
        #expect(timings.connect == .milliseconds(10))
        #expect(timings.tls == .milliseconds(30))
        #expect(timings.firstByte == .milliseconds(55))
        #expect(timings.transfer == .milliseconds(30))
        #expect(timings.total == .milliseconds(130))
        let sum = timings.resolve + timings.connect + timings.tls + timings.firstByte + timings.transfer
        #expect(sum == timings.total)
    }

    @Test("plain HTTP has no TLS phase and first byte counts from connect")
    func phasesWithoutTLS() {
        let timings = HTTPTimings(
            resolvedAt: .milliseconds(1),
            connectedAt: .milliseconds(3),
            tlsDoneAt: .zero,
            firstByteAt: .milliseconds(10),
            endedAt: .milliseconds(12)
        )
        #expect(timings.tls == .zero)
        #expect(timings.firstByte == .milliseconds(7))
        #expect(timings.transfer == .milliseconds(2))
    }

    @Test("phases that curl never reached are zero, not negative")
    func missingPhasesAreZero() {
        let timings = HTTPTimings(
            resolvedAt: .milliseconds(4),
            connectedAt: .zero,
            tlsDoneAt: .zero,
            firstByteAt: .zero,
            endedAt: .milliseconds(5)
        )
        #expect(timings.connect == .zero)
        #expect(timings.firstByte == .zero)
        #expect(timings.transfer == .zero)
        #expect(timings.total == .milliseconds(5))
    }
}
