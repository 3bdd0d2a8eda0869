#include <stdlib.h>
#include <string.h>
#include "program_runtime.h"

/// Where a URL's authority starts: after `http://` or `https://` if present.
static const char *after_scheme(const char *url) {
    if (strncmp(url, "http://", 7) == 0) return url + 7;
    if (strncmp(url, "https://", 8) == 0) return url + 8;
    return url;
}

/// The length of the host at `authority`: up to `:`, `/`, `?` or the end.
static size_t host_length(const char *authority) { return strcspn(authority, ":/?"); }

/// A new NUL-terminated copy of `count` bytes (from malloc, never freed by us).
static const char *copy_of(const char *start, size_t count) {
    char *copy = malloc(count + 1);
    if (!copy) return "";
    memcpy(copy, start, count);
    copy[count] = 0;
    return copy;
}

/// "http://example.com:8080/api" gives "example.com".
__attribute__((weak)) const char *__parse_url_host(const char *url) {
    if (!url) return "";
    const char *authority = after_scheme(url);
    return copy_of(authority, host_length(authority));
}

/// "http://example.com:8080/api" gives 8080; 0 when no port is written.
__attribute__((weak)) long __parse_url_port(const char *url) {
    if (!url) return 0;
    const char *authority = after_scheme(url);
    const char *colon = authority + host_length(authority);
    if (*colon != ':') return 0;
    long port = 0;
    for (const char *digit = colon + 1; *digit >= '0' && *digit <= '9'; digit++) port = port * 10 + (*digit - '0');
    return port;
}

/// "http://example.com/api/v1?q=1" gives "/api/v1"; "/" when there is no path.
__attribute__((weak)) const char *__parse_url_path(const char *url) {
    if (!url) return "/";
    const char *path = strchr(after_scheme(url), '/');
    if (!path) return "/";
    return copy_of(path, strcspn(path, "?#"));
}

/// The offset just past the first "\r\n\r\n" in `length` bytes at `buffer`
/// (where an HTTP message's body starts); -1 when there is none.
__attribute__((weak)) long __find_header_end(long buffer, long length) {
    const char *bytes = (const char *)buffer;
    if (!bytes) return -1;
    for (long i = 0; i + 4 <= length; i++) {
        if (memcmp(bytes + i, "\r\n\r\n", 4) == 0) return i + 4;
    }
    return -1;
}
