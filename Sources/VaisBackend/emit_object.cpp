// IR text to an object in memory with LLVM 16, as clang -c -fPIC does. What
// does not depend on the module is made once and kept: the native target,
// LLVM's options and one target machine per optimisation level (making one
// is a tenth of a millisecond, a tenth of a one-function hot part's code
// generation).
#include "emit_object.h"

#include "llvm/AsmParser/LLParser.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <llvm-c/Core.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include <map>
#include <memory>
#include <mutex>

namespace vais {

namespace {

const std::string rejected = "LLVM " LLVM_VERSION_STRING " rejected the IR: ";

// An LLVM-owned message as a string, the message released.
std::string takeMessage(char *message, const char *prefix) {
    std::string text = std::string(prefix) + (message ? message : "no message");
    if (message) LLVMDisposeMessage(message);
    return text;
}

struct DisposeMessage { void operator()(char *message) const { LLVMDisposeMessage(message); } };
struct DisposeBuffer { void operator()(LLVMMemoryBufferRef buffer) const { LLVMDisposeMemoryBuffer(buffer); } };
using Message = std::unique_ptr<char, DisposeMessage>;
using Buffer = std::unique_ptr<LLVMOpaqueMemoryBuffer, DisposeBuffer>;

// -generate-arange-section is clang's -gdwarf-aranges: .debug_aranges lets
// libdw (elfutils before 0.189) find the compile unit of an address.
void initializeTarget() {
    static std::once_flag once;
    std::call_once(once, [] {
        const char *options[] = {"vais-hot", "-generate-arange-section"};
        LLVMParseCommandLineOptions(2, options, "");
        LLVM_NATIVE_TARGETINFO();
        LLVM_NATIVE_TARGET();
        LLVM_NATIVE_TARGETMC();
        LLVM_NATIVE_ASMPRINTER();
    });
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

// The target machine for `triple` at `optimization`, made on first use and
// kept for the process: PIC, the generic CPU, as clang without -march.
LLVMTargetMachineRef machineFor(const std::string &triple, int optimization, std::string &failure) {
    static std::map<std::pair<std::string, int>, LLVMTargetMachineRef> machines;
    auto key = std::make_pair(triple, optimization);
    if (auto found = machines.find(key); found != machines.end()) return found->second;
    LLVMTargetRef target = nullptr;
    char *message = nullptr;
    if (LLVMGetTargetFromTriple(triple.c_str(), &target, &message)) {
        failure = takeMessage(message, "LLVM has no target for this machine: ");
        return nullptr;
    }
    LLVMTargetMachineRef machine = LLVMCreateTargetMachine(target, triple.c_str(), "generic", "", codeGenerationLevel(optimization),
                                                           LLVMRelocPIC, LLVMCodeModelDefault);
    machines.emplace(key, machine);
    return machine;
}

// The IR parsed and verified once. The parser is told not to "upgrade" the
// debug info: for current debug info that upgrade is a second run of the
// verifier, which ends the process (report_fatal_error) when the module is
// broken. Broken debug info is refused here too, as broken code is: the
// debug info is what symbolization and crash attribution read.
std::unique_ptr<llvm::Module> parse(llvm::LLVMContext &context, const char *ir, size_t length, std::string &failure) {
    llvm::StringRef text(ir, length);
    llvm::SourceMgr sources;
    sources.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBuffer(text, "hot part", false), llvm::SMLoc());
    auto module = std::make_unique<llvm::Module>("hot part", context);
    llvm::SMDiagnostic diagnostic;
    if (llvm::LLParser(text, sources, diagnostic, module.get(), nullptr, context).Run(/*UpgradeDebugInfo=*/false)) {
        std::string message;
        llvm::raw_string_ostream stream(message);
        diagnostic.print("hot part", stream, /*ShowColors=*/false);
        failure = rejected + stream.str();
        return nullptr;
    }
    std::string problems;
    llvm::raw_string_ostream stream(problems);
    bool brokenDebugInfo = false;
    if (llvm::verifyModule(*module, &stream, &brokenDebugInfo) || brokenDebugInfo) {
        failure = rejected + (stream.str().empty() ? std::string("broken debug info") : stream.str());
        return nullptr;
    }
    return module;
}

} // namespace

bool emitObject(const char *ir, size_t length, int optimization, std::string &object, std::string &failure) {
    initializeTarget();
    llvm::LLVMContext context;
    std::unique_ptr<llvm::Module> parsed = parse(context, ir, length, failure);
    if (!parsed) return false;
    LLVMModuleRef module = llvm::wrap(parsed.get());
    // The module's triple, the host's when it names none.
    const char *named = LLVMGetTarget(module);
    Message triple(named && *named ? LLVMNormalizeTargetTriple(named) : LLVMGetDefaultTargetTriple());
    LLVMTargetMachineRef machine = machineFor(triple.get(), optimization, failure);
    if (!machine) return false;
    LLVMSetTarget(module, triple.get());
    LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(machine);
    LLVMSetModuleDataLayout(module, layout);
    LLVMDisposeTargetData(layout);
    LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
    LLVMErrorRef passes = LLVMRunPasses(module, pipeline(optimization).c_str(), machine, options);
    LLVMDisposePassBuilderOptions(options);
    if (passes) {
        failure = takeMessage(LLVMGetErrorMessage(passes), "LLVM's optimizer failed: ");
        return false;
    }
    LLVMMemoryBufferRef emitted = nullptr;
    char *message = nullptr;
    if (LLVMTargetMachineEmitToMemoryBuffer(machine, module, LLVMObjectFile, &message, &emitted)) {
        failure = takeMessage(message, "LLVM failed to emit the object: ");
        return false;
    }
    Buffer owned(emitted);
    object.assign(LLVMGetBufferStart(emitted), LLVMGetBufferSize(emitted));
    return true;
}

} // namespace vais
