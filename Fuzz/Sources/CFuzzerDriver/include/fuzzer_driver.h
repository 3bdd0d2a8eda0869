#ifndef VAIS_HOT_FUZZER_DRIVER_H
#define VAIS_HOT_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, FuzzerDriver.cpp), for a program that
/// has a main of its own: parses libFuzzer's flags from argc/argv and runs
/// `callback` on each input. SwiftPM gives every executable its own main,
/// so the fuzzer calls this rather than linking libFuzzer's main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
