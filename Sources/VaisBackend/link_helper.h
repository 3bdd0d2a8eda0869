// The long-lived link helper (see link_helper.cpp).
#pragma once

#include "link_child.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace vais {

// Forks the helper: its pid, which leads a process group of its own, or -1
// with `failure` set.
pid_t startLinkHelper(std::string &failure);

// Links through the helper: what its worker's link came to, or nothing
// when there is no helper (never started, or gone: `gone` then says why,
// once).
std::optional<LinkOutcome> linkThroughHelper(const std::vector<const char *> &commandLine, const LinkDeadline &deadline,
                                             std::string &gone);

} // namespace vais
