import Foundation

/// Driving the edits, and waiting for what each led to.
extension ProfileSession {
    /// Makes each edit, waits for what it led to (a swap, a failure, or
    /// nothing to do), then lets the new version serve `frames` calls.
    func drive(_ plan: EditPlan, source: String) throws {
        var text = try String(contentsOfFile: source, encoding: .utf8)
        for index in 0..<settings.reloads where !stopWasRequested() {
            let before = outcomeCount()
            let swapsBefore = snapshotRecords().count
            text = try plan.apply(index, to: text)
            // Saved once no timed memory sample runs, and none starts until it led somewhere.
            sampling.withLock { lock.withLock { editInFlight = true } }
            try text.write(toFile: source, atomically: false, encoding: .utf8)
            let ledSomewhere = waitUntil(seconds: 60, { self.outcomeCount() > before })
            lock.withLock { editInFlight = false }
            guard ledSomewhere else { throw Failure.timedOut("reload \(index + 1)") }
            let records = snapshotRecords()
            if records.count > swapsBefore, let version = records.last?.version {
                waitForFirstCall(of: version, seconds: 5)
                waitForCalls(settings.frames, of: version, seconds: 5)
            }
        }
    }

    /// Edits that have led somewhere: swapped, failed, or changed nothing.
    private func outcomeCount() -> Int {
        lock.lock()
        defer { lock.unlock() }
        return outcomes
    }

    func waitForFirstCall(of version: Int, seconds: Double) {
        _ = waitUntil(seconds: seconds) {
            self.reloader.flatMap { self.measurer.firstCallTime(of: version, in: $0) } != nil || self.programFinishedFlag()
        }
    }

    private func waitForCalls(_ count: Int, of version: Int, seconds: Double) {
        _ = waitUntil(seconds: seconds) {
            (self.reloader.map { self.measurer.calls(of: version, in: $0) } ?? 0) >= UInt64(count) || self.programFinishedFlag()
        }
    }

    func waitForStop() {
        let deadline = settings.duration.map { Date().addingTimeInterval($0) }
        changed.lock()
        while !stopRequested, !programFinished {
            if let deadline {
                if !changed.wait(until: deadline) { break }
            } else {
                changed.wait()
            }
        }
        changed.unlock()
    }

    private func stopWasRequested() -> Bool {
        changed.lock()
        defer { changed.unlock() }
        return stopRequested
    }

    func programFinishedFlag() -> Bool {
        changed.lock()
        defer { changed.unlock() }
        return programFinished
    }

    /// Polls `condition` (it is cheap) until it holds or time runs out.
    func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            changed.lock()
            _ = changed.wait(until: min(deadline, Date().addingTimeInterval(0.002)))
            changed.unlock()
        }
        return condition()
    }
}
