#include <elfutils/libdwfl.h>
#include <dwarf.h>
