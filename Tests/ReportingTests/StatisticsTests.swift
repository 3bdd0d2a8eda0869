@testable import Reporting
import Testing

@Suite("Statistics and units")
struct StatisticsTests {
    @Test("median of odd and even counts, nil when empty")
    func median() {
        #expect(Statistics.median([]) == nil)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2)  // (2 + 3) / 2, rounded down
        #expect(Statistics.median([UInt64.max, UInt64.max]) == UInt64.max)
    }

    @Test("p95 is nearest-rank: always a measured value")
    func p95() {
        #expect(Statistics.p95([]) == nil)
        #expect(Statistics.p95([42]) == 42)
        #expect(Statistics.p95(Array(1...20)) == 19)
        #expect(Statistics.p95(Array(1...100).reversed()) == 95)
        #expect(Statistics.p95(Array(1...10)) == 10)
        #expect(Statistics.percentile(Array(1...10), 0) == 1)
    }

    @Test("durations and sizes read as people write them")
    func units() {
        #expect(Units.duration(850) == "850 ns")
        #expect(Units.duration(1_500) == "1.50 µs")
        #expect(Units.duration(999_700) == "1.00 ms")
        #expect(Units.duration(42_300_000) == "42.3 ms")
        #expect(Units.duration(2_000_000_000) == "2.00 s")
        #expect(Units.bytes(512) == "512 B")
        #expect(Units.bytes(81_920) == "81.9 KB")
        #expect(Units.bytes(5_000_000) == "5.00 MB")
        #expect(Units.round("50.0 ms") == "50 ms" && Units.round("2.50 s") == "2.5 s" && Units.round("100 µs") == "100 µs")
        #expect(Units.percentChange(12.34) == "+12.3%")
        #expect(Units.percentChange(-3) == "-3.0%")
    }
}
