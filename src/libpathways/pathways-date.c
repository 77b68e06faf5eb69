/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-date"
#include "config.h"
#include "pathways-import.h"
