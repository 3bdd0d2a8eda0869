#define _GNU_SOURCE
#include "mapped_object.h"

#include <link.h>
#include <string.h>

typedef struct {
    const char *path;
    uintptr_t low;
    uintptr_t high;
    int found;
} search;

static int visit(struct dl_phdr_info *info, size_t size, void *context) {
    (void)size;
    search *wanted = context;
    if (info->dlpi_name == NULL || strcmp(info->dlpi_name, wanted->path) != 0) return 0;
    uintptr_t low = UINTPTR_MAX, high = 0;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_LOAD) continue;
        uintptr_t start = info->dlpi_addr + header->p_vaddr;
        if (start < low) low = start;
        if (start + header->p_memsz > high) high = start + header->p_memsz;
    }
    if (low < high) {
        wanted->low = low;
        wanted->high = high;
        wanted->found = 1;
    }
    return 1;
}

int hot_mapped_range(const char *path, uintptr_t *low, uintptr_t *high) {
    search wanted = {path, 0, 0, 0};
    dl_iterate_phdr(visit, &wanted);
    *low = wanted.low;
    *high = wanted.high;
    return wanted.found;
}
