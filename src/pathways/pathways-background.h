/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-background.h: work in a worker thread gives way to the main thread. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lowers the calling thread's CPU priority (nice +5 on Linux, where the value is per
 * thread and the threads it starts inherit it), so that a long import or count on both
 * cores leaves the main loop its turn: the window keeps drawing. GLib's pool threads
 * only run background tasks, so the value is never raised back. */
void pathways_background_thread_enter (void);

/* CPU time of the calling thread in ms, for the timing log (0 where unknown). */
double pathways_thread_cpu_ms (void);

G_END_DECLS
