import Foundation
@testable import Reporting
import Testing
@Test func scratchRender() throws {
    try ReportWriter.write(SampleProfile.make(), to: URL(fileURLWithPath: "/tmp/rep/a"))
    let baseline = SampleProfile.make(seed: 3)
    try ReportWriter.writeHTML(SampleProfile.make(), to: URL(fileURLWithPath: "/tmp/rep/a/compare.html"), baseline: baseline)
    print(ProfileComparison.table(ProfileComparison.compare(baseline, SampleProfile.make())))
}
