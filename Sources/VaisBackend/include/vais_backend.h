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

// Forks the link helper, a small process that runs each link in a worker
// of its own: call it as early as possible, while this process is small.
// Returns the helper's pid, which leads a process group of its own (for
// the caller to kill at exit), or -1 with *error set (free with
// vais_backend_free); links then fork this process each time.
int vais_backend_start_link_helper(char **error);

// Runs lld's ELF linker with `arguments` (as ld.lld's command line, without
// the program name) in a child process: a worker of the link helper, or a
// child of this process when there is none, stopped after timeoutSeconds.
// Returns 0, 1 with *error set to lld's diagnostics, or 2 with *error
// naming the time limit. Sets *notice (free with vais_backend_free) to
// why, once, when the helper did not start, is gone, or was stopped at
// the time limit (vais_backend_start_link_helper starts another). Safe to
// call repeatedly.
int vais_backend_link(const char *const *arguments, int count, double timeoutSeconds, char **error, char **notice);

// The LLVM release the library was built against, such as "16.0.6".
const char *vais_backend_llvm_version(void);

void vais_backend_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
