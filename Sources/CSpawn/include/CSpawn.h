#ifndef GONGKAI_CSPAWN_H
#define GONGKAI_CSPAWN_H

/// Adds to `actions` (a `posix_spawn_file_actions_t`) the closing, in the child, of every file descriptor from
/// `from` up, so that a program started while other threads hold pipes open inherits none of them (glibc 2.34 and
/// later).
int gongkai_spawn_close_from(void *actions, int from);

/// A pipe whose two ends are closed in any program this process starts (O_CLOEXEC), set atomically with its
/// creation.
int gongkai_pipe_cloexec(int descriptors[2]);

#endif
