// The in-process back end (see include/vais_backend.h): LLVM 16's C API for
// code generation, lld's library for linking. Compiled against Debian's
// llvm-16-dev and liblld-16-dev.
#include "vais_backend.h"

#include "lld/Common/Driver.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

char *copyString(const std::string &text) {
    char *copy = static_cast<char *>(std::malloc(text.size() + 1));
    if (copy) std::memcpy(copy, text.c_str(), text.size() + 1);
    return copy;
}

// An LLVM-owned message as a string, the message released.
std::string takeMessage(char *message, const char *prefix) {
    std::string text = std::string(prefix) + (message ? message : "no message");
    if (message) LLVMDisposeMessage(message);
    return text;
}

// Owners of the C API's handles, so that every way out releases them.
struct DisposeContext { void operator()(LLVMContextRef context) const { LLVMContextDispose(context); } };
struct DisposeModule { void operator()(LLVMModuleRef module) const { LLVMDisposeModule(module); } };
struct DisposeMachine { void operator()(LLVMTargetMachineRef machine) const { LLVMDisposeTargetMachine(machine); } };
struct DisposeMessage { void operator()(char *message) const { LLVMDisposeMessage(message); } };
struct DisposeBuffer { void operator()(LLVMMemoryBufferRef buffer) const { LLVMDisposeMemoryBuffer(buffer); } };
using Context = std::unique_ptr<LLVMOpaqueContext, DisposeContext>;
using Module = std::unique_ptr<LLVMOpaqueModule, DisposeModule>;
using Machine = std::unique_ptr<LLVMOpaqueTargetMachine, DisposeMachine>;
using Message = std::unique_ptr<char, DisposeMessage>;
using Buffer = std::unique_ptr<LLVMOpaqueMemoryBuffer, DisposeBuffer>;

// One emit or link at a time: a link forks, and no code generation in
// another thread may hold LLVM's locks at that moment.
std::mutex turns;

void setOptions();

// The native target and our options, once per process (lld, which resets
// LLVM's options, runs in a child).
void initializeTarget() {
    static std::once_flag once;
    std::call_once(once, [] {
        setOptions();
        LLVM_NATIVE_TARGETINFO();
        LLVM_NATIVE_TARGET();
        LLVM_NATIVE_TARGETMC();
        LLVM_NATIVE_ASMPRINTER();
    });
}

// -generate-arange-section is clang's -gdwarf-aranges: .debug_aranges lets
// libdw (elfutils before 0.189) find the compile unit of an address.
void setOptions() {
    const char *options[] = {"vais-hot", "-generate-arange-section"};
    LLVMParseCommandLineOptions(2, options, "");
}

// clang's mapping of -O levels to code generation levels.
LLVMCodeGenOptLevel codeGenerationLevel(int optimization) {
    switch (optimization) {
    case 0: return LLVMCodeGenLevelNone;
    case 1: return LLVMCodeGenLevelLess;
    case 2: return LLVMCodeGenLevelDefault;
    default: return LLVMCodeGenLevelAggressive;
    }
}

// clang -O0 also runs the O0 pipeline (always-inline and friends).
std::string pipeline(int optimization) {
    return "default<O" + std::to_string(optimization < 0 ? 0 : optimization > 3 ? 3 : optimization) + ">";
}

// A parsed module to an object for the module's triple (the host's when it
// names none), position-independent: the object, or what failed.
Buffer compileModule(LLVMModuleRef module, int optimization, std::string &failure) {
    const char *named = LLVMGetTarget(module);
    Message triple(named && *named ? LLVMNormalizeTargetTriple(named) : LLVMGetDefaultTargetTriple());
    LLVMTargetRef target = nullptr;
    char *message = nullptr;
    if (LLVMGetTargetFromTriple(triple.get(), &target, &message)) {
        failure = takeMessage(message, "LLVM has no target for this machine: ");
        return nullptr;
    }
    Machine machine(LLVMCreateTargetMachine(target, triple.get(), "generic", "", codeGenerationLevel(optimization), LLVMRelocPIC,
                                            LLVMCodeModelDefault));
    LLVMSetTarget(module, triple.get());
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(machine.get());
    LLVMSetModuleDataLayout(module, layout);
    LLVMDisposeTargetData(layout);
    LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
    LLVMErrorRef passes = LLVMRunPasses(module, pipeline(optimization).c_str(), machine.get(), options);
    LLVMDisposePassBuilderOptions(options);
    if (passes) {
        failure = takeMessage(LLVMGetErrorMessage(passes), "LLVM's optimizer failed: ");
        return nullptr;
    }
    LLVMMemoryBufferRef emitted = nullptr;
    if (LLVMTargetMachineEmitToMemoryBuffer(machine.get(), module, LLVMObjectFile, &message, &emitted)) {
        failure = takeMessage(message, "LLVM failed to emit the object: ");
        return nullptr;
    }
    return Buffer(emitted);
}

} // namespace

extern "C" int vais_backend_emit_object(const char *ir, size_t length, int optimization, void **object, size_t *objectLength,
                                        char **error) {
    std::lock_guard<std::mutex> turn(turns);
    initializeTarget();
    Context context(LLVMContextCreate());
    // The parser takes ownership of the buffer.
    LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(ir, length, "hot part");
    LLVMModuleRef parsed = nullptr;
    char *message = nullptr;
    if (LLVMParseIRInContext(context.get(), buffer, &parsed, &message)) {
        *error = copyString(takeMessage(message, "LLVM " LLVM_VERSION_STRING " rejected the IR: "));
        return 1;
    }
    Module module(parsed);
    // As clang does before code generation: IR that parses but breaks LLVM's
    // rules would otherwise reach code generation, which does not check.
    if (LLVMVerifyModule(module.get(), LLVMReturnStatusAction, &message)) {
        *error = copyString(takeMessage(message, "LLVM " LLVM_VERSION_STRING " rejected the IR: "));
        return 1;
    }
    LLVMDisposeMessage(message);
    std::string failure;
    Buffer emitted = compileModule(module.get(), optimization, failure);
    if (!emitted) {
        *error = copyString(failure);
        return 1;
    }
    *objectLength = LLVMGetBufferSize(emitted.get());
    *object = std::malloc(*objectLength ? *objectLength : 1);
    if (!*object) {
        *error = copyString("out of memory for the emitted object");
        return 1;
    }
    std::memcpy(*object, LLVMGetBufferStart(emitted.get()), *objectLength);
    return 0;
}

namespace {

// Reads what the linking child wrote until it closes its end.
std::string readAll(int descriptor) {
    std::string text;
    char buffer[4096];
    for (;;) {
        ssize_t count = read(descriptor, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) return text;
        text.append(buffer, static_cast<size_t>(count));
    }
}

} // namespace

// lld links in a child forked for the purpose, not in this process: each
// link left a few small allocations behind (LLVM's list of files to remove
// on a signal) that pinned a page of the heap apiece, so the hosting
// process grew by about 4 KB a reload (1.8 MB over `make soak`'s last 500);
// lld also installs LLVM's signal handlers, resets LLVM's global options
// and may call exit() on a fatal error. A child costs a fork of this
// process (page tables only) and leaves all of that behind when it exits.
extern "C" int vais_backend_link(const char *const *arguments, int count, char **error) {
    std::lock_guard<std::mutex> turn(turns);
    std::vector<const char *> commandLine{"ld.lld"};
    commandLine.insert(commandLine.end(), arguments, arguments + count);
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) {
        *error = copyString(std::string("cannot make a pipe for lld: ") + std::strerror(errno));
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        // Only this thread lives on in the child: no lock another thread
        // held is taken here, and the child leaves by _exit.
        close(ends[0]);
        std::string output, diagnostics;
        llvm::raw_string_ostream out(output), err(diagnostics);
        bool linked = lld::elf::link(commandLine, out, err, /*exitEarly=*/false, /*disableOutput=*/false);
        err.flush();
        for (size_t written = 0; written < diagnostics.size();) {
            ssize_t step = write(ends[1], diagnostics.data() + written, diagnostics.size() - written);
            if (step < 0 && errno == EINTR) continue;
            if (step <= 0) break;
            written += static_cast<size_t>(step);
        }
        _exit(linked ? 0 : 1);
    }
    close(ends[1]);
    if (child < 0) {
        close(ends[0]);
        *error = copyString(std::string("cannot start lld: ") + std::strerror(errno));
        return 1;
    }
    std::string diagnostics = readAll(ends[0]);
    close(ends[0]);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    if (WIFSIGNALED(status)) {
        *error = copyString("lld crashed with signal " + std::to_string(WTERMSIG(status)) + (diagnostics.empty() ? "" : ": " + diagnostics));
    } else {
        *error = copyString(diagnostics.empty() ? "lld failed without a diagnostic" : diagnostics);
    }
    return 1;
}

extern "C" const char *vais_backend_llvm_version(void) { return LLVM_VERSION_STRING; }

extern "C" void vais_backend_free(void *pointer) { std::free(pointer); }
