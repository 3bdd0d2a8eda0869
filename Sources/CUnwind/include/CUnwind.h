#include "stack_capture.h"
