// lld links in a child forked for the purpose, never in the process that
// asked: each link left a few small allocations behind (LLVM's list of
// files to remove on a signal) that pinned a page of the heap apiece, so a
// process that linked in itself grew by about 4 KB a reload; lld also
// installs LLVM's signal handlers, resets LLVM's global options and may end
// the process on a fatal error. All of that ends with the child.
#include "link_child.h"

#include "lld/Common/CommonLinkerContext.h"
#include "lld/Common/Driver.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <poll.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace vais {

void writeAll(int descriptor, const char *bytes, size_t count) {
    for (size_t written = 0; written < count;) {
        ssize_t step = write(descriptor, bytes + written, count - written);
        if (step < 0 && errno == EINTR) continue;
        if (step <= 0) return;
        written += static_cast<size_t>(step);
    }
}

LinkDeadline::LinkDeadline(double seconds)
    : seconds(seconds),
      end(std::chrono::steady_clock::now() +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds))) {}

bool LinkDeadline::awaitReadable(int descriptor) const {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(end - std::chrono::steady_clock::now()).count();
        if (left <= 0) return false;
        pollfd request{descriptor, POLLIN, 0};
        int ready = poll(&request, 1, static_cast<int>(std::min<long long>((left + 999) / 1000, 60'000)));
        // An error is left to the read that follows to report.
        if (ready > 0 || (ready < 0 && errno != EINTR)) return true;
    }
}

LinkOutcome LinkDeadline::timedOut() const {
    std::ostringstream text;
    text << "lld did not finish within " << seconds << " s and was stopped";
    return {false, text.str(), true};
}

namespace {

// Reads what the child wrote until it closes its end; false at the deadline.
bool readAll(int descriptor, const LinkDeadline &deadline, std::string &text) {
    char buffer[4096];
    for (;;) {
        if (!deadline.awaitReadable(descriptor)) return false;
        ssize_t count = read(descriptor, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return true;
        text.append(buffer, static_cast<size_t>(count));
    }
}

int fatalDiagnostics = -1;

void onFatalError(void *, const char *reason, bool) {
    std::string line = std::string("LLVM ERROR: ") + reason + "\n";
    writeAll(fatalDiagnostics, line.data(), line.size());
    _exit(1);
}

} // namespace

void prepareChild(int diagnostics, bool dieWithParent) {
    struct sigaction defaults {};
    defaults.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; signal++) sigaction(signal, &defaults, nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    if (dieWithParent) prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (diagnostics < 0) return;
    fatalDiagnostics = diagnostics;
    llvm::install_fatal_error_handler(onFatalError);
}

LinkOutcome runLld(const std::vector<const char *> &commandLine) {
    std::string output, diagnostics;
    llvm::raw_string_ostream out(output), err(diagnostics);
    bool linked = lld::elf::link(commandLine, out, err, /*exitEarly=*/false, /*disableOutput=*/false);
    // What lld keeps between links (its symbol table, options, outputs) goes with its context.
    lld::CommonLinkerContext::destroy();
    err.flush();
    return {linked, diagnostics};
}

LinkOutcome linkInChild(const std::vector<const char *> &commandLine, const LinkDeadline &deadline) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return {false, std::string("cannot make a pipe for lld: ") + std::strerror(errno)};
    pid_t parent = getpid();
    pid_t child = fork();
    if (child == 0) {
        // Only this thread lives on in the child: no lock another thread
        // held is taken here, and the child leaves by _exit.
        close(ends[0]);
        prepareChild(ends[1], true);
        if (getppid() != parent) _exit(1);
        LinkOutcome outcome = runLld(commandLine);
        writeAll(ends[1], outcome.message.data(), outcome.message.size());
        _exit(outcome.linked ? 0 : 1);
    }
    close(ends[1]);
    if (child < 0) {
        close(ends[0]);
        return {false, std::string("cannot start lld: ") + std::strerror(errno)};
    }
    std::string diagnostics;
    bool finished = readAll(ends[0], deadline, diagnostics);
    close(ends[0]);
    if (!finished) kill(child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    if (!finished) return deadline.timedOut();
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, ""};
    if (WIFSIGNALED(status)) {
        return {false, "lld crashed with signal " + std::to_string(WTERMSIG(status)) + (diagnostics.empty() ? "" : ": " + diagnostics)};
    }
    return {false, diagnostics.empty() ? "lld failed without a diagnostic" : diagnostics};
}

} // namespace vais
