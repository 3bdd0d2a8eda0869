// The in-process back end (see include/vais_backend.h): LLVM 16's C API for
// code generation, lld's library for linking. Compiled against Debian's
// llvm-16-dev and liblld-16-dev.
#include "vais_backend.h"

#include "lld/Common/CommonLinkerContext.h"
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

#include <csignal>
#include <dlfcn.h>
#include <cstdlib>
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

// LLVM's command-line options are process globals, and lld resets them all
// on every link: emits and links take turns, and each emit sets ours again.
std::mutex turns;

// The native target, once per process.
void initializeTarget() {
    static std::once_flag once;
    std::call_once(once, [] {
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
    setOptions();
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

// The signal handlers of the process, as they were before a link. lld
// checks early that it can create its output through a temporary file that
// LLVM registers for removal on a signal, which installs LLVM's handlers for
// SIGSEGV, SIGTERM and the rest in the whole process: the program's crash
// guard and vais-hot's exit cleanup would then see each signal second. Only
// handlers that are LLVM's are put back: one another thread installed
// meanwhile stays.
class SignalHandlers {
    struct sigaction saved[NSIG];
    bool known[NSIG] = {};

    static bool isLLVMs(const struct sigaction &action) {
        Dl_info info;
        void *handler = reinterpret_cast<void *>(action.sa_handler);
        return handler && dladdr(handler, &info) && info.dli_fname && std::strstr(info.dli_fname, "libLLVM");
    }

public:
    SignalHandlers() {
        for (int signal = 1; signal < NSIG; signal++) known[signal] = sigaction(signal, nullptr, &saved[signal]) == 0;
    }
    ~SignalHandlers() {
        for (int signal = 1; signal < NSIG; signal++) {
            struct sigaction now;
            if (known[signal] && sigaction(signal, nullptr, &now) == 0 && isLLVMs(now) && !isLLVMs(saved[signal])) {
                sigaction(signal, &saved[signal], nullptr);
            }
        }
    }
};

} // namespace

extern "C" int vais_backend_link(const char *const *arguments, int count, char **error) {
    // lld's ELF driver keeps its state in globals: one link at a time, and
    // its context destroyed after each so the next starts clean.
    std::lock_guard<std::mutex> turn(turns);
    SignalHandlers restoredAfterwards;
    std::vector<const char *> commandLine{"ld.lld"};
    commandLine.insert(commandLine.end(), arguments, arguments + count);
    std::string output, diagnostics;
    llvm::raw_string_ostream out(output), err(diagnostics);
    bool linked = lld::elf::link(commandLine, out, err, /*exitEarly=*/false, /*disableOutput=*/false);
    lld::CommonLinkerContext::destroy();
    err.flush();
    if (linked) return 0;
    *error = copyString(diagnostics.empty() ? "lld failed without a diagnostic" : diagnostics);
    return 1;
}

extern "C" const char *vais_backend_llvm_version(void) { return LLVM_VERSION_STRING; }

extern "C" void vais_backend_free(void *pointer) { std::free(pointer); }
