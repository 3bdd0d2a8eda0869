#include "trace_runtime.h"
