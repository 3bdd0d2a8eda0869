import Foundation
@testable import Reporting
import Testing

@Test func zzRenderTemp() throws {
    try TraceReportWriter.write(SampleTrace.make(), to: URL(fileURLWithPath: "/tmp/vh/out"))
    var stats = SampleTrace.make(); stats.calls = []; stats.mode = "stats"; stats.stacks = []
    try TraceReportWriter.write(stats, to: URL(fileURLWithPath: "/tmp/vh/stats"))
    try ReportWriter.write(SampleProfile.make(), to: URL(fileURLWithPath: "/tmp/vh/profile"))
}
