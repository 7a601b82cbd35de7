import Foundation
import Testing
import VedettaMaintenance
import VedettaOnCall

/// One rotation shift whose real-time start and end are known: the hand-off stays on the wall clock.
struct HandOffCase: CustomTestStringConvertible, Sendable {
    let name: String
    let zone: String
    let anchor: String
    let length: String
    /// Which shift of the rotation (0 = the first).
    let index: Int
    let start: String
    let end: String

    var testDescription: String { name }
}

@Suite("Hand-offs stay on the wall clock across daylight-saving changes")
struct HandOffTests {
    static let cases: [HandOffCase] = [
        HandOffCase(
            name: "weekly Rome, spring forward inside the shift: 167 hours", zone: "Europe/Rome",
            anchor: "2026-03-02T08:00", length: "weekly", index: 3, start: "2026-03-23T07:00:00Z",
            end: "2026-03-30T06:00:00Z"),
        HandOffCase(
            name: "weekly Rome, fall back inside the shift: 169 hours", zone: "Europe/Rome",
            anchor: "2026-10-05T08:00", length: "weekly", index: 2, start: "2026-10-19T06:00:00Z",
            end: "2026-10-26T07:00:00Z"),
        HandOffCase(
            name: "daily Rome across spring forward: 23 hours", zone: "Europe/Rome", anchor: "2026-03-28T08:00",
            length: "daily", index: 0, start: "2026-03-28T07:00:00Z", end: "2026-03-29T06:00:00Z"),
        HandOffCase(
            name: "12h night shift Rome across spring forward: 11 hours", zone: "Europe/Rome",
            anchor: "2026-03-28T08:00", length: "12h", index: 1, start: "2026-03-28T19:00:00Z",
            end: "2026-03-29T06:00:00Z"),
        HandOffCase(
            name: "12h night shift Rome across fall back: 13 hours", zone: "Europe/Rome", anchor: "2026-10-24T08:00",
            length: "12h", index: 1, start: "2026-10-24T18:00:00Z", end: "2026-10-25T07:00:00Z"),
        HandOffCase(
            name: "8h shift Rome across fall back: 9 hours", zone: "Europe/Rome", anchor: "2026-10-24T22:00",
            length: "8h", index: 0, start: "2026-10-24T20:00:00Z", end: "2026-10-25T05:00:00Z"),
        HandOffCase(
            name: "hand-off at 02:30 on the spring-forward day is read before the gap (03:30 CEST)",
            zone: "Europe/Rome", anchor: "2026-03-28T02:30", length: "daily", index: 1,
            start: "2026-03-29T01:30:00Z", end: "2026-03-30T00:30:00Z"),
        HandOffCase(
            name: "weekly New York, its own spring forward (8 March)", zone: "America/New_York",
            anchor: "2026-03-02T09:00", length: "weekly", index: 0, start: "2026-03-02T14:00:00Z",
            end: "2026-03-09T13:00:00Z"),
        HandOffCase(
            name: "two-week shifts keep Monday 08:00 a year later", zone: "Europe/Rome", anchor: "2026-01-05T08:00",
            length: "2w", index: 25, start: "2026-12-21T07:00:00Z", end: "2027-01-04T07:00:00Z"),
    ]

    @Test("each shift starts and ends at the local hand-off time", arguments: cases)
    func handOff(_ testCase: HandOffCase) throws {
        let zone = try #require(TimeZone(identifier: testCase.zone))
        let length = try #require(ShiftLength.parse(testCase.length))
        let participants = ["p0", "p1", "p2", "p3", "p4"]
        let schedule = OnCallSchedule(
            name: "s", zone: zone,
            layers: [
                RotationLayer(
                    name: "l", start: OnCallFixtures.local(testCase.anchor), length: length,
                    participants: participants)
            ])
        let start = OnCallFixtures.utc(testCase.start)
        let end = OnCallFixtures.utc(testCase.end)
        for instant in [start, start + 60, end - 1] {
            let shift = try #require(ShiftResolver.shift(of: schedule, at: instant, substitutions: []))
            #expect(shift.start == start)
            #expect(shift.end == end)
            #expect(shift.person == participants[testCase.index % participants.count])
        }
        let next = ShiftResolver.shift(of: schedule, at: end, substitutions: [])
        #expect(next?.person == participants[(testCase.index + 1) % participants.count])
        #expect(next?.start == end)
    }

    @Test("nobody is on call before a layer's first hand-off or after its end")
    func layerBounds() throws {
        let schedule = OnCallSchedule(
            name: "s", zone: OnCallFixtures.rome,
            layers: [
                RotationLayer(
                    name: "l", start: OnCallFixtures.local("2026-12-01T08:00"),
                    end: OnCallFixtures.local("2026-12-03T08:00"), length: .daily, participants: ["marco", "giulia"])
            ])
        #expect(
            ShiftResolver.shift(of: schedule, at: OnCallFixtures.rome("2026-12-01T07:59"), substitutions: []) == nil)
        #expect(
            ShiftResolver.shift(of: schedule, at: OnCallFixtures.rome("2026-12-02T12:00"), substitutions: [])?.person
                == "giulia")
        #expect(
            ShiftResolver.shift(of: schedule, at: OnCallFixtures.rome("2026-12-03T08:00"), substitutions: []) == nil)
    }

    @Test("shift lengths parse and print as people write them")
    func lengths() {
        #expect(ShiftLength.parse("daily")?.wallClockSeconds == 86_400)
        #expect(ShiftLength.parse("weekly")?.description == "weekly")
        #expect(ShiftLength.parse("12h")?.description == "12h")
        #expect(ShiftLength.parse("2d")?.description == "2d")
        #expect(ShiftLength.parse("2w")?.description == "2w")
        #expect(ShiftLength.parse("9w") == nil)
        #expect(ShiftLength.parse("0h") == nil)
        #expect(ShiftLength.parse("12") == nil)
        #expect(ShiftLength.parse("1.5d") == nil)
    }
}
