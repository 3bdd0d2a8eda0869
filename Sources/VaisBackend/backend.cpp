// The in-process back end's C interface (see include/vais_backend.h): LLVM
// 16 for code generation (emit_object.cpp), lld for linking, in a worker of
// the link helper (link_helper.cpp) or, without one, in a child of this
// process (link_child.cpp). Compiled against Debian's llvm-16-dev and
// liblld-16-dev.
#include "vais_backend.h"

#include "emit_object.h"
#include "link_helper.h"

#include "llvm/Config/llvm-config.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

namespace {

char *copyString(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy) std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

// One call at a time: LLVM's options and the target machines are shared,
// and a link without the helper forks, when no code generation in another
// thread may hold LLVM's locks.
std::mutex turns;

// Why links fork this process, said once by the next link: the helper could
// not start or is gone.
std::string helperNotice;

} // namespace

extern "C" int vais_backend_emit_object(const char *ir, size_t length, int optimization, void **object, size_t *objectLength,
                                        char **error) {
    std::lock_guard<std::mutex> turn(turns);
    std::string emitted, failure;
    if (!vais::emitObject(ir, length, optimization, emitted, failure)) {
        *error = copyString(failure);
        return 1;
    }
    *objectLength = emitted.size();
    *object = std::malloc(emitted.empty() ? 1 : emitted.size());
    if (!*object) {
        *error = copyString("out of memory for the emitted object");
        return 1;
    }
    std::memcpy(*object, emitted.data(), emitted.size());
    return 0;
}

extern "C" int vais_backend_start_link_helper(char **error) {
    std::lock_guard<std::mutex> turn(turns);
    std::string failure;
    pid_t helper = vais::startLinkHelper(failure);
    if (helper < 0) {
        helperNotice = failure;
        *error = copyString(failure);
    }
    return helper;
}

extern "C" int vais_backend_link(const char *const *arguments, int count, double timeoutSeconds, char **error, char **notice) {
    std::lock_guard<std::mutex> turn(turns);
    std::vector<const char *> commandLine{"ld.lld"};
    commandLine.insert(commandLine.end(), arguments, arguments + count);
    vais::LinkDeadline deadline(timeoutSeconds);
    std::string gone;
    std::optional<vais::LinkOutcome> outcome = vais::linkThroughHelper(commandLine, deadline, gone);
    if (!gone.empty()) helperNotice = gone;
    if (!outcome) outcome = vais::linkInChild(commandLine, deadline);
    // Said with this link, so that the caller starts another helper before the next.
    if (!helperNotice.empty()) *notice = copyString(helperNotice);
    helperNotice.clear();
    if (outcome->linked) return 0;
    *error = copyString(outcome->message);
    return outcome->timedOut ? 2 : 1;
}

extern "C" const char *vais_backend_llvm_version(void) { return LLVM_VERSION_STRING; }

extern "C" void vais_backend_free(void *pointer) { std::free(pointer); }
