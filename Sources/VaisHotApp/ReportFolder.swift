import Foundation

/// Names of the folders reports go to by default.
enum ReportFolder {
    /// The local time, as reports/profile-NAME-TIME names it.
    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
