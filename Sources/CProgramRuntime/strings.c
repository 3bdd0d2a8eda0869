#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "program_runtime.h"

// A null `str` reads as the empty one, as in the original's runtime.
static const char *text_or_empty(const char *text) { return text ? text : ""; }

/// Writes the text to stdout without a newline; gives the bytes written.
__attribute__((weak)) long print_str(const char *text) {
    return fputs(text_or_empty(text), stdout) < 0 ? -1 : (long)strlen(text_or_empty(text));
}

__attribute__((weak)) long __strlen(const char *text) { return (long)strlen(text_or_empty(text)); }

/// 1 when the two texts hold the same bytes, else 0.
__attribute__((weak)) long __str_eq(const char *a, const char *b) {
    return strcmp(text_or_empty(a), text_or_empty(b)) == 0;
}

/// 1 when the two texts are equal ignoring ASCII case, else 0.
__attribute__((weak)) long __str_eq_ignore_case(const char *a, const char *b) {
    return strcasecmp(text_or_empty(a), text_or_empty(b)) == 0;
}

/// Copies the text's bytes (without its NUL) to an address; gives how many.
__attribute__((weak)) long __str_copy_to(long destination, const char *text) {
    if (!destination) return 0;
    size_t count = strlen(text_or_empty(text));
    memcpy((void *)destination, text_or_empty(text), count);
    return (long)count;
}

/// Writes `value` in decimal, NUL-terminated, at an address (21 bytes are
/// always enough); gives the digits written.
__attribute__((weak)) long __i64_to_str(long destination, long value) {
    if (!destination) return 0;
    return sprintf((char *)destination, "%ld", value);
}
