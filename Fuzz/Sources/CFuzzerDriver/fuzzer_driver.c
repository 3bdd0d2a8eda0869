/* The driver itself comes from libFuzzer's runtime (-sanitize=fuzzer). */
#include "fuzzer_driver.h"
