import Documents
import Foundation

extension MachineInfo {
    /// This machine: CPU model (from /proc/cpuinfo), cores, kernel release, memory.
    public static func current() -> MachineInfo {
        let cpuinfo = ProcFile.read("/proc/cpuinfo") ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        var names = utsname()
        uname(&names)
        let release = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return MachineInfo(cpuModel: model, cores: ProcessInfo.processInfo.activeProcessorCount, kernel: "Linux \(release)",
                           memoryBytes: ProcessInfo.processInfo.physicalMemory)
    }
}
