import Testing
import VedettaCore
import VedettaRules

@Suite("Alert key order")
struct AlertKeyOrderTests {
    @Test("sorting by alert key, each key rendered once, gives the order of AlertKey's <, on 2,000 random keys")
    func sortedByAlertKey_matchesComparison() {
        var generator = SystemRandomNumberGenerator()
        let rules = ["DeviceUnreachable", "InterfaceDown", "InterfaceErrors", "A", "a", "Zz"]
        let values = [
            "", "0", "1", "10", "9", "gi0/1", "gi0/10", "gi0/2", "milano", "milano-2", "roma", "é", "a\"b", "a\nb",
        ]
        let keys = (0..<2_000).map { _ in
            var labels = LabelSet()
            for name in ["device", "ifName", "site", "severity"] where Bool.random(using: &generator) {
                labels[name] = values.randomElement(using: &generator)
            }
            return AlertKey(ruleName: rules.randomElement(using: &generator) ?? "A", labels: labels)
        }
        let once = keys.sorted(byAlertKey: { $0 })
        let everyComparison = keys.sorted { $0 < $1 }
        #expect(once.map(\.description) == everyComparison.map(\.description))
        #expect(keys.isEmpty == once.isEmpty && once.count == keys.count)
    }
}
