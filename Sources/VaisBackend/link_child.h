// lld run in a child process (see link_child.cpp).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace vais {

// What a link in a child came to: linked, or why not (lld's diagnostics,
// or how the child ended).
struct LinkOutcome {
    bool linked;
    std::string message;
    // The link was stopped at its time limit.
    bool timedOut = false;
};

// When a link must be over, as the toolchain's compile time limit says: a
// hung lld (or a worker deadlocked on a lock inherited in a fork) is
// stopped, and the reload fails naming the limit, as a hung clang does.
class LinkDeadline {
public:
    explicit LinkDeadline(double seconds);
    // Waits until `descriptor` can be read: false once the deadline passed.
    bool awaitReadable(int descriptor) const;
    LinkOutcome timedOut() const;

private:
    double seconds;
    std::chrono::steady_clock::time_point end;
};

// Runs lld's ELF linker with `commandLine` (ld.lld's, program name first)
// in this process, which it leaves with a few kilobytes of heap and LLVM's
// signal handlers: only for a process made to link (a child, a worker).
LinkOutcome runLld(const std::vector<const char *> &commandLine);

// Forks a child that runs lld's ELF linker with `commandLine` (ld.lld's,
// program name first) and exits; waits for it until the deadline.
LinkOutcome linkInChild(const std::vector<const char *> &commandLine, const LinkDeadline &deadline);

// Makes a freshly forked child of vais-hot safe to run LLVM code in: the
// parent's signal handlers (the crash guard's clean-up, which would remove
// the parent's build directories) back to their defaults, every signal
// unblocked, and ended with `_exit` rather than the parent's atexit
// handlers if LLVM reports a fatal error (its message to `diagnostics`,
// when not -1).
// `dieWithParent`: SIGKILL when the forking thread ends.
void prepareChild(int diagnostics, bool dieWithParent);

// Writes all of `count` bytes, retrying interrupted writes.
void writeAll(int descriptor, const char *bytes, size_t count);

} // namespace vais
