import MemoryKit
import Testing

/// ``Prefetch``: hints read nothing and change nothing, whatever the array and the part of it hinted.
@Suite("Prefetch: hints to the processor's memory")
struct PrefetchTests {
    /// An element wider than a cache line, as a device's rule state is.
    private struct Wide {
        var numbers: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)
        var name: String
    }

    @Test("empty arrays, one element, every element, parts ending at the last element, elements of 1 to 112 bytes")
    func hints() {
        let bytes: [UInt8] = Array(0..<200)
        let numbers: [Double] = (0..<1000).map(Double.init)
        let wide: [Wide] = (0..<5).map { Wide(numbers: ($0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), name: "w\($0)") }
        let empty: [Int] = []
        Prefetch.start(of: empty)
        Prefetch.elements(of: empty)
        Prefetch.elements(of: empty, in: 0..<0)
        for array in [bytes.map(Int.init), numbers.map { Int($0) }] {
            Prefetch.start(of: array)
            Prefetch.elements(of: array)
            Prefetch.elements(of: array, in: 0..<array.count)
            Prefetch.elements(of: array, in: (array.count - 1)..<array.count)
            Prefetch.elements(of: array, in: 3..<3)
            Prefetch.element(at: array.count - 1, of: array)
        }
        Prefetch.start(of: wide)
        Prefetch.elements(of: wide)
        for index in wide.indices { Prefetch.element(at: index, of: wide) }
        #expect(bytes == Array(0..<200))
        #expect(numbers == (0..<1000).map(Double.init))
        #expect(wide.map(\.name) == ["w0", "w1", "w2", "w3", "w4"])
        #expect(wide.map(\.numbers.0) == [0, 1, 2, 3, 4])
        #expect(MemoryLayout<Wide>.stride > Prefetch.lineSize)
    }

    @Test("an array's elements start a header's size after its storage: start(of:) hints the header's line too")
    func headerSize() {
        for array in [[1, 2, 3], Array(0..<1000), Array(repeating: 7, count: 1)] {
            // An array is one reference, to its storage: the header (type, reference count, count, capacity), then
            // the elements.
            let storage = unsafeBitCast(array, to: UnsafeRawPointer.self)
            let elements = array.withUnsafeBytes { $0.baseAddress }
            #expect(elements.map { storage.distance(to: $0) } == Prefetch.headerSize)
        }
    }
}
