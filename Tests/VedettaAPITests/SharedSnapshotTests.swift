import Synchronization
import Testing

@testable import VedettaAPI

@Suite("A shared snapshot: built once per lifetime, whoever asks")
struct SharedSnapshotTests {
    @Test("callers within the lifetime share one build; the first caller after it builds again")
    func sharesThenRebuilds() async throws {
        let builds = Atomic<Int>(0)
        let snapshot = SharedSnapshot<Int>(lifetime: .seconds(2))
        func build() -> Int { builds.add(1, ordering: .relaxed).newValue }

        let first = await snapshot.value { build() }
        let second = await snapshot.value { build() }
        let third = await snapshot.value { build() }
        #expect([first, second, third] == [1, 1, 1])

        try await Task.sleep(for: .milliseconds(2100))
        #expect(await snapshot.value { build() } == 2)
        #expect(builds.load(ordering: .relaxed) == 2)
    }

    @Test("a build that fails is not kept: the next caller builds")
    func failedBuildIsNotKept() async throws {
        struct Unavailable: Error {}
        let snapshot = SharedSnapshot<String>(lifetime: .seconds(60))
        await #expect(throws: Unavailable.self) { try await snapshot.value { throw Unavailable() } }
        #expect(try await snapshot.value { "built" } == "built")
        #expect(try await snapshot.value { "not asked" } == "built")
    }
}
