#define _GNU_SOURCE 1
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include "CSpawn.h"

int gongkai_spawn_close_from(void *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np((posix_spawn_file_actions_t *)actions, from);
}

int gongkai_pipe_cloexec(int descriptors[2]) { return pipe2(descriptors, O_CLOEXEC); }
