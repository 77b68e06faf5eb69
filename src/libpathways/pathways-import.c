/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-import"
#include "config.h"
#include "pathways-import.h"
G_DEFINE_QUARK (pathways-import-error-quark, pathways_import_error)
