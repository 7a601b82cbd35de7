/// A deterministic random number generator (a linear congruential one), so that a randomized test that fails
/// fails the same way again.
struct DeterministicGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}
