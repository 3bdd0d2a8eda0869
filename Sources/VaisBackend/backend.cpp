// The in-process back end (see include/vais_backend.h): LLVM 16's C API for
// code generation, lld's library for linking. Compiled against Debian's
// llvm-16-dev and liblld-16-dev.
#include "vais_backend.h"

#include "lld/Common/CommonLinkerContext.h"
#include "lld/Common/Driver.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/raw_ostream.h"
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

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

// Takes an LLVM-owned message, returns one the caller frees with vais_backend_free.
char *takeMessage(char *message, const char *prefix) {
    std::string text = std::string(prefix) + (message ? message : "no message");
    if (message) LLVMDisposeMessage(message);
    return copyString(text);
}

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

} // namespace

extern "C" int vais_backend_emit_object(const char *ir, size_t length, int optimization, void **object, size_t *objectLength,
                                        char **error) {
    std::lock_guard<std::mutex> turn(turns);
    initializeTarget();
    setOptions();
    LLVMContextRef context = LLVMContextCreate();
    // The parser takes ownership of the buffer.
    LLVMMemoryBufferRef buffer = LLVMCreateMemoryBufferWithMemoryRangeCopy(ir, length, "hot part");
    LLVMModuleRef module = nullptr;
    char *message = nullptr;
    int status = 1;
    LLVMTargetMachineRef machine = nullptr;
    if (LLVMParseIRInContext(context, buffer, &module, &message)) {
        *error = takeMessage(message, "LLVM " LLVM_VERSION_STRING " rejected the IR: ");
        LLVMContextDispose(context);
        return 1;
    }
    char *triple = nullptr;
    const char *moduleTriple = LLVMGetTarget(module);
    triple = (moduleTriple && *moduleTriple) ? LLVMNormalizeTargetTriple(moduleTriple) : LLVMGetDefaultTargetTriple();
    LLVMTargetRef target = nullptr;
    do {
        if (LLVMGetTargetFromTriple(triple, &target, &message)) {
            *error = takeMessage(message, "LLVM has no target for this machine: ");
            break;
        }
        machine = LLVMCreateTargetMachine(target, triple, "generic", "", codeGenerationLevel(optimization), LLVMRelocPIC,
                                          LLVMCodeModelDefault);
        LLVMSetTarget(module, triple);
        LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(machine);
        LLVMSetModuleDataLayout(module, layout);
        LLVMDisposeTargetData(layout);
        LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
        LLVMErrorRef passes = LLVMRunPasses(module, pipeline(optimization).c_str(), machine, options);
        LLVMDisposePassBuilderOptions(options);
        if (passes) {
            *error = takeMessage(LLVMGetErrorMessage(passes), "LLVM's optimizer failed: ");
            break;
        }
        LLVMMemoryBufferRef emitted = nullptr;
        if (LLVMTargetMachineEmitToMemoryBuffer(machine, module, LLVMObjectFile, &message, &emitted)) {
            *error = takeMessage(message, "LLVM failed to emit the object: ");
            break;
        }
        *objectLength = LLVMGetBufferSize(emitted);
        *object = std::malloc(*objectLength ? *objectLength : 1);
        if (*object) {
            std::memcpy(*object, LLVMGetBufferStart(emitted), *objectLength);
            status = 0;
        } else {
            *error = copyString("out of memory for the emitted object");
        }
        LLVMDisposeMemoryBuffer(emitted);
    } while (false);
    LLVMDisposeMessage(triple);
    if (machine) LLVMDisposeTargetMachine(machine);
    LLVMDisposeModule(module);
    LLVMContextDispose(context);
    return status;
}

extern "C" int vais_backend_link(const char *const *arguments, int count, char **error) {
    // lld's ELF driver keeps its state in globals: one link at a time, and
    // its context destroyed after each so the next starts clean.
    std::lock_guard<std::mutex> turn(turns);
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
