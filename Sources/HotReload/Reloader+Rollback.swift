import CHotSupport
import Foundation

extension Reloader {
    /// Which version and function an address belongs to.
    func attribute(_ pc: UInt) -> (version: Int?, function: String?) {
        lock.lock()
        defer { lock.unlock() }
        guard let version = (versions + retired).first(where: { $0.contains(pc) }) else { return (nil, nil) }
        let function = version.entryPoints
            .filter { UInt(bitPattern: $0.value) <= pc }
            .max { UInt(bitPattern: $0.value) < UInt(bitPattern: $1.value) }?.key
        return (version.number, function)
    }

    public func report(for crash: hot_crash) -> CrashReport {
        let (version, function) = attribute(UInt(crash.pc))
        return CrashReport(signal: crash.signal, pc: UInt(crash.pc), faultAddress: UInt(crash.address), version: version, function: function,
                           sourceLine: sourceLineResolver?(UInt(crash.pc)))
    }

    /// After a crash in hot code: points every slot back at the code it ran
    /// after the newest retained version older than the one that crashed
    /// (a partial version changed some slots; all return). Returns false
    /// when there is none to go back to.
    public func rollBack(after crash: CrashReport) -> Bool {
        lock.lock()
        guard let current = versions.last else {
            lock.unlock()
            return false
        }
        let culprit = crash.version ?? current.number
        badVersions.insert(culprit)
        history.crashed(culprit)
        history.failed(.crashed, "\(crash)")
        guard let target = versions.last(where: { $0.number < culprit && !badVersions.contains($0.number) }),
              var assignment = assignments[target.number] else {
            lock.unlock()
            return false
        }
        if let later = assignments[current.number] {
            assignment = assignment.keepingSlots(from: later)
            assignments[target.number] = assignment
        }
        slots.point(to: assignment, traced: tracedFunctions)
        let dropped = versions.filter { $0.number > target.number }
        versions.removeAll { $0.number > target.number }
        retired.append(contentsOf: dropped)
        lock.unlock()
        emit(.rolledBack(from: culprit, to: target.number, crash: crash))
        return true
    }
}
