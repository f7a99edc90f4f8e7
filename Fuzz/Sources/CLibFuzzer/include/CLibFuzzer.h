#ifndef GONGKAI_CLIBFUZZER_H
#define GONGKAI_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver with the program's arguments, calling `callback` with each input; returns the exit
/// status. For programs with a main of their own (SwiftPM gives every executable one).
int gongkai_fuzz_run(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));

#endif
