#ifndef BASELINE_PROBE_SPAWN_H
#define BASELINE_PROBE_SPAWN_H

#include <spawn.h>

/* glibc functions that need _GNU_SOURCE, which Swift's Glibc module does not import. */

/* pipe2(fds, O_CLOEXEC): both ends close on exec, with no window for another thread's
   spawn to inherit them. */
int baseline_pipe_cloexec(int fds[2]);

/* posix_spawn_file_actions_addclosefrom_np(actions, from): the child starts with no
   descriptor at or above `from` (glibc 2.34). */
int baseline_spawn_closefrom(posix_spawn_file_actions_t *actions, int from);

/* posix_spawn_file_actions_addchdir_np(actions, path): the child starts in `path`
   (glibc 2.29). */
int baseline_spawn_chdir(posix_spawn_file_actions_t *actions, const char *path);

/* prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants of this process (a probe's
   background or setsid child whose parent exited) become its children, not init's, so that
   they can be found and ended. prctl is variadic, which Swift cannot call. */
int baseline_become_subreaper(void);

#endif
