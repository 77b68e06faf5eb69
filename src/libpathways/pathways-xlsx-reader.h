/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pathways-row-reader.h"

G_BEGIN_DECLS

/* An XLSX sheet reader over libzip and libxml2's streaming xmlTextReader: shared and
 * inline strings, numbers, booleans, date-formatted cells given as ISO text (1900 and
 * 1904 systems). SHEET is a sheet name, or NULL for the first sheet. */
PathwaysRowReader *pathways_xlsx_reader_new            (const char  *path,
                                                        const char  *sheet,
                                                        GError     **error);
PathwaysRowReader *pathways_xlsx_reader_new_from_bytes (GBytes      *bytes,
                                                        const char  *name,
                                                        const char  *sheet,
                                                        GError     **error);
/* The workbook's sheet names in workbook order. */
char             **pathways_xlsx_list_sheets           (const char  *path,
                                                        GError     **error);

G_END_DECLS
