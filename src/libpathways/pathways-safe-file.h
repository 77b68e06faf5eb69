/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-safe-file.h: writing a file or a folder so that nothing is ever lost.
 *
 * A file is written to a temporary file in its destination's folder (mode 0600 while
 * written), flushed to the disk and renamed into place only when complete; it then has
 * the mode of a new file (0666 less the umask). A folder (the CSV export) is written as
 * a new folder beside the destination and swapped in whole. On any failure the
 * temporary file or folder is removed and the previous output is untouched.
 *
 * A destination that is a symbolic link (dangling or not) is refused: Pathways never
 * writes through a link nor replaces one (docs/security.md). A destination that is one
 * of the inputs (by path, by link or by hard link), or a folder holding one, is refused
 * too (pathways_safe_file_check_not_input). Errors are PATHWAYS_OUTPUT_ERROR
 * (pathways-output.h), in the user's words, naming the file.
 */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* FALSE with PATHWAYS_OUTPUT_ERROR_IS_INPUT when DESTINATION is, or is a folder
 * holding, one of INPUTS (NULL-terminated; NULL: none): same real path, or same
 * device and inode (a hard link or a symbolic link to it). */
gboolean pathways_safe_file_check_not_input (const char         *destination,
                                             const char * const *inputs,
                                             GError            **error);

/* Sets ERROR for a failed write of DESTINATION with errno ERRSV in the user's words:
 * "The disk is full: Pathways could not save report.pdf; the previous file is
 * unchanged." (ENOSPC, EDQUOT, EFBIG), "You do not have permission to write to
 * FOLDER." (EACCES, EPERM, EROFS), else the system's message. */
void     pathways_safe_file_set_error       (GError            **error,
                                             int                 errsv,
                                             const char         *destination);

typedef struct _PathwaysSafeFile PathwaysSafeFile;

/* Creates the temporary file for DESTINATION; NULL with an error when DESTINATION is a
 * symbolic link or a folder, or its folder cannot be written. */
PathwaysSafeFile *pathways_safe_file_new            (const char        *destination,
                                                     GError           **error);
const char       *pathways_safe_file_get_path       (PathwaysSafeFile  *file);
/* The temporary file's path (for libraries that open a file by name). */
const char       *pathways_safe_file_get_temp_path  (PathwaysSafeFile  *file);
/* A binary stream on the temporary file. */
FILE             *pathways_safe_file_get_stream     (PathwaysSafeFile  *file);
/* Flushes, syncs and renames the temporary file into place. */
gboolean          pathways_safe_file_commit         (PathwaysSafeFile  *file,
                                                     GError           **error);
/* Removes the temporary file unless committed. */
void              pathways_safe_file_free           (PathwaysSafeFile  *file);

/* The whole of DATA safely to DESTINATION. */
gboolean          pathways_safe_file_set_contents   (const char        *destination,
                                                     const void        *data,
                                                     gsize              length,
                                                     GError           **error);

typedef struct _PathwaysSafeFolder PathwaysSafeFolder;

/* Creates the new folder beside DESTINATION. Refused when DESTINATION is a file, a
 * symbolic link, or a folder holding anything but a previous CSV export (README.txt
 * and NN-*.csv files): a swap would remove it. */
PathwaysSafeFolder *pathways_safe_folder_new        (const char          *destination,
                                                     GError             **error);
/* Writes the file NAME (no folder part) of the new folder. */
gboolean            pathways_safe_folder_write      (PathwaysSafeFolder  *folder,
                                                     const char          *name,
                                                     const void          *data,
                                                     gsize                length,
                                                     GError             **error);
/* Swaps the new folder in; the old one is removed once the new one is in place. */
gboolean            pathways_safe_folder_commit     (PathwaysSafeFolder  *folder,
                                                     GError             **error);
/* Removes the new folder unless committed. */
void                pathways_safe_folder_free       (PathwaysSafeFolder  *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysSafeFile, pathways_safe_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysSafeFolder, pathways_safe_folder_free)

G_END_DECLS
