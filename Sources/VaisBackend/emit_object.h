// Code generation of hot parts (see emit_object.cpp).
#pragma once

#include <cstddef>
#include <string>

namespace vais {

// Compiles `length` bytes of IR text to a position-independent ELF object
// at -O`optimization`: true with `object` set, or false with `failure`
// saying what LLVM said. The caller serializes calls.
bool emitObject(const char *ir, size_t length, int optimization, std::string &object, std::string &failure);

} // namespace vais
