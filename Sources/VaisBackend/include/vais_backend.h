#ifndef VAIS_BACKEND_H
#define VAIS_BACKEND_H

#include <stddef.h>

// The in-process back end of hot parts, libVaisBackend.so: LLVM 16 as a
// library turns IR text into an ELF object in memory, lld's library links
// objects into a shared object. vais-hot loads it with dlopen and looks
// these up by name, so a machine without LLVM 16 still runs vais-hot (on
// the clang and ld.lld processes). Calls take turns: LLVM's options and
// lld's state are process globals.

#ifdef __cplusplus
extern "C" {
#endif

// Compiles `ir` (`length` bytes of LLVM IR text, not NUL-terminated) for
// the host, position-independent, at -O`optimization`, into an ELF object
// in memory. Returns 0 and sets *object and *objectLength (free with
// vais_backend_free), or returns 1 and sets *error (free with
// vais_backend_free) to what LLVM said.
int vais_backend_emit_object(const char *ir, size_t length, int optimization, void **object, size_t *objectLength,
                             char **error);

// Runs lld's ELF linker with `arguments` (as ld.lld's command line, without
// the program name). Returns 0, or 1 with *error set to lld's diagnostics.
// Safe to call repeatedly.
int vais_backend_link(const char *const *arguments, int count, char **error);

// The LLVM release the library was built against, such as "16.0.6".
const char *vais_backend_llvm_version(void);

void vais_backend_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
