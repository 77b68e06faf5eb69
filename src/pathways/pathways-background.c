/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-background"

#include "config.h"

#include "pathways-background.h"

#include <time.h>

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#define BACKGROUND_NICE 5

void
pathways_background_thread_enter (void)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int now;

  errno = 0;
  now = getpriority (PRIO_PROCESS, (id_t) tid);
  if (errno != 0 || now >= BACKGROUND_NICE)
    return;
  if (setpriority (PRIO_PROCESS, (id_t) tid, BACKGROUND_NICE) != 0)
    g_debug ("Could not lower a worker thread's priority: %s", g_strerror (errno));
#endif
}

double
pathways_thread_cpu_ms (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
#endif
  return 0.0;
}
