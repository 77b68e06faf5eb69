/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PATHWAYS_TYPE_APPLICATION (pathways_application_get_type ())
G_DECLARE_FINAL_TYPE (PathwaysApplication, pathways_application, PATHWAYS, APPLICATION, AdwApplication)

PathwaysApplication *pathways_application_new (const char        *application_id,
                                              GApplicationFlags  flags);

G_END_DECLS
