// A process forked once, early, while vais-hot is small (when this library
// is loaded, before the program runs), that links for it. It never runs
// lld itself: it forks a worker, which runs lld for one job after another
// and exits after `linksPerWorker` of them (each link leaves a few
// kilobytes of heap behind), or earlier if lld crashes or ends it on a
// fatal error; the helper then forks the next. So lld's leaks, signal
// handlers and fatal exits stay out of the host, as with a child of the
// host per link, without the price of that fork: a fresh process faults in
// LLVM's and lld's code pages on its first link (about a thousand page
// faults, some 4 ms here), and a fork of the host (about 100 MB, the game
// and LLVM) copies its page tables besides, about 6 ms more. A worker pays
// the first once per `linksPerWorker` links, and a link in a warm worker is
// lld's own work.
//
// Jobs and results are messages on a socketpair (SOCK_SEQPACKET keeps
// their boundaries), read and answered by the worker. It tells the helper
// on a pipe when it takes a job and when it has answered, so that the
// helper answers for a worker that died in between. The helper holds
// nothing of the host's but the socket: every other descriptor is closed,
// stdin, stdout and stderr are /dev/null. It ends with the host: when the
// socket reads end of file (the host closed it or died), by
// PR_SET_PDEATHSIG when the thread that forked it ends (a thread kept for
// that purpose, which lives as long as the process), and with its process
// group, which the host's clean-up kills (ExitCleanup).
#include "link_helper.h"

#include <cerrno>
#include <cstdint>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <memory>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace vais {

namespace {

// Bounds of one message: a job's arguments, or a reply with lld's diagnostics.
constexpr size_t messageCapacity = 64 * 1024;
constexpr int helperSocket = 3;
constexpr int linksPerWorker = 100;
// A worker's exit status when the host has gone.
constexpr int hostGone = 3;

// Every job and every reply begins with the job's number, so that a reply
// the host no longer waits for (the helper answering for a worker killed
// just after it answered) is recognized and dropped.
using JobNumber = uint32_t;

// What a worker tells the helper on their pipe: `taken` and the job's
// number, `answered`; a fatal error's message follows the last `taken`
// (the handler of prepareChild writes it: "LLVM ERROR: ...").
constexpr char taken = 'T', answered = 'A';

int hostSocket = -1;
pid_t helperPid = -1;
JobNumber lastJob = 0;

void reply(JobNumber job, const LinkOutcome &outcome) {
    std::string message(reinterpret_cast<const char *>(&job), sizeof job);
    message += (outcome.linked ? "0" : "1") + outcome.message.substr(0, messageCapacity - sizeof job - 1);
    while (send(helperSocket, message.data(), message.size(), MSG_NOSIGNAL) < 0) {
        if (errno != EINTR) _exit(hostGone);
    }
}

// A worker: jobs in, lld run on each, outcomes out.
[[noreturn]] void work(int helper) {
    prepareChild(helper, true);
    std::vector<char> message(messageCapacity);
    for (int served = 0; served < linksPerWorker; served++) {
        // The job is read twice: a look at its number, said to the helper,
        // then the taking, so that a worker killed at any moment in between
        // leaves the job either to its successor or answered by the helper.
        JobNumber job = 0;
        ssize_t length;
        do {
            length = recv(helperSocket, &job, sizeof job, MSG_PEEK);
        } while (length < 0 && errno == EINTR);
        if (length <= 0) _exit(hostGone);
        writeAll(helper, &taken, 1);
        writeAll(helper, reinterpret_cast<const char *>(&job), sizeof job);
        do {
            length = recv(helperSocket, message.data(), message.size(), MSG_TRUNC);
        } while (length < 0 && errno == EINTR);
        if (length <= 0) _exit(hostGone);
        if (static_cast<size_t>(length) > message.size() || static_cast<size_t>(length) <= sizeof job) {
            reply(job, {false, "the link's arguments exceed the link helper's message size"});
        } else {
            std::vector<const char *> commandLine;
            for (size_t start = sizeof job; start < static_cast<size_t>(length); start += std::strlen(message.data() + start) + 1) {
                commandLine.push_back(message.data() + start);
            }
            reply(job, runLld(commandLine));
        }
        writeAll(helper, &answered, 1);
    }
    _exit(0);
}

// What a worker told the helper: the job it had taken and not answered
// when it ended (and the fatal error's message, if any), or nothing.
std::optional<std::pair<JobNumber, std::string>> unanswered(const std::string &told) {
    std::optional<std::pair<JobNumber, std::string>> pending;
    for (size_t position = 0; position < told.size();) {
        if (told[position] == answered) {
            pending.reset();
            position += 1;
        } else if (told[position] == taken && position + 1 + sizeof(JobNumber) <= told.size()) {
            JobNumber job;
            std::memcpy(&job, told.data() + position + 1, sizeof job);
            pending = std::make_pair(job, std::string());
            position += 1 + sizeof job;
        } else {
            if (pending) pending->second = told.substr(position);
            break;
        }
    }
    return pending;
}

// The helper's loop: a worker at a time; the answer for one that died
// with a job taken.
[[noreturn]] void superviseWorkers() {
    for (;;) {
        int ends[2];
        if (pipe2(ends, O_CLOEXEC) != 0) _exit(1);
        pid_t worker = fork();
        if (worker == 0) {
            close(ends[0]);
            work(ends[1]);
        }
        close(ends[1]);
        if (worker < 0) _exit(1);
        std::string told;
        char buffer[4096];
        for (ssize_t count; (count = read(ends[0], buffer, sizeof buffer)) != 0;) {
            if (count > 0) told.append(buffer, static_cast<size_t>(count));
            else if (errno != EINTR) break;
        }
        close(ends[0]);
        int status = 0;
        while (waitpid(worker, &status, 0) < 0 && errno == EINTR) {}
        if (WIFEXITED(status) && WEXITSTATUS(status) == hostGone) _exit(0);
        auto pending = unanswered(told);
        if (!pending) continue;
        if (!pending->second.empty()) reply(pending->first, {false, pending->second});
        else if (WIFSIGNALED(status)) reply(pending->first, {false, "lld crashed with signal " + std::to_string(WTERMSIG(status))});
        else reply(pending->first, {false, "lld ended with status " + std::to_string(WEXITSTATUS(status)) + " before finishing the link"});
    }
}

// Runs in the child of the fork: keeps the socket alone, then supervises.
[[noreturn]] void becomeHelper(int socket, pid_t host) {
    prepareChild(-1, true);
    if (getppid() != host) _exit(0);
    setpgid(0, 0);
    // The socket first: /dev/null opened before it could take descriptor 3.
    if (dup2(socket, helperSocket) < 0) _exit(1);
    int null = open("/dev/null", O_RDWR);
    if (null < 0) _exit(1);
    for (int standard = 0; standard < 3; standard++) dup2(null, standard);
    close_range(helperSocket + 1, ~0U, 0);
    superviseWorkers();
}

} // namespace

pid_t startLinkHelper(std::string &failure) {
    int ends[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ends) != 0) {
        failure = std::string("cannot make a socket pair: ") + std::strerror(errno);
        return -1;
    }
    // PR_SET_PDEATHSIG fires when the forking thread ends, not the process:
    // the fork happens on a thread that never ends, all signals blocked.
    // Shared: the thread may still be inside set_value when this returns.
    auto forked = std::make_shared<std::promise<pid_t>>();
    std::future<pid_t> result = forked->get_future();
    pid_t host = getpid();
    int helperEnd = ends[1];
    std::thread([forked, helperEnd, host] {
        sigset_t all;
        sigfillset(&all);
        pthread_sigmask(SIG_BLOCK, &all, nullptr);
        pid_t child = fork();
        if (child == 0) becomeHelper(helperEnd, host);
        int error = errno;
        if (child > 0) setpgid(child, child);
        errno = error;
        forked->set_value(child);
        for (;;) pause();
    }).detach();
    pid_t child = result.get();
    close(ends[1]);
    if (child < 0) {
        failure = std::string("cannot fork the link helper: ") + std::strerror(errno);
        close(ends[0]);
        return -1;
    }
    hostSocket = ends[0];
    helperPid = child;
    return child;
}

// Closes the host's end of the socket and reaps the helper, which has
// ended or been killed; returns how it ended.
static int retireHelper() {
    int status = 0;
    close(hostSocket);
    hostSocket = -1;
    while (waitpid(helperPid, &status, 0) < 0 && errno == EINTR) {}
    return status;
}

std::optional<LinkOutcome> linkThroughHelper(const std::vector<const char *> &commandLine, const LinkDeadline &deadline,
                                             std::string &gone) {
    if (hostSocket < 0) return std::nullopt;
    JobNumber job = ++lastJob;
    std::string message(reinterpret_cast<const char *>(&job), sizeof job);
    for (const char *argument : commandLine) message.append(argument).push_back('\0');
    std::vector<char> answer(messageCapacity + 1);
    ssize_t length = -1, sent;
    do {
        sent = send(hostSocket, message.data(), message.size(), MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    while (sent >= 0) {
        if (!deadline.awaitReadable(hostSocket)) {
            // The helper and its worker go; the caller starts another helper.
            kill(-helperPid, SIGKILL);
            LinkOutcome stopped = deadline.timedOut();
            retireHelper();
            gone = "the link helper (pid " + std::to_string(helperPid) + ") was stopped with its worker: " + stopped.message;
            return stopped;
        }
        length = recv(hostSocket, answer.data(), answer.size(), 0);
        if (length < 0 && errno == EINTR) continue;
        JobNumber answered = 0;
        if (length > static_cast<ssize_t>(sizeof answered)) std::memcpy(&answered, answer.data(), sizeof answered);
        if (length <= 0 || answered == job) break;
    }
    if (length > static_cast<ssize_t>(sizeof job)) {
        return LinkOutcome{answer[sizeof job] == '0', std::string(answer.data() + sizeof job + 1, static_cast<size_t>(length) - sizeof job - 1)};
    }
    int status = retireHelper();
    gone = "the link helper (pid " + std::to_string(helperPid) + ") " +
           (WIFSIGNALED(status) ? "was killed by signal " + std::to_string(WTERMSIG(status)) : std::string("exited"));
    return std::nullopt;
}

} // namespace vais
