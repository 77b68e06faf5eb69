/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-output"
#define _GNU_SOURCE 1   /* renameat2 () */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>

#include "pathways-safe-file.h"

#include "pathways-output.h"

/* A temporary name's visible part stays well under NAME_MAX (255 bytes). */
#define MAX_BASE_BYTES 200

/* realpath() returns malloc()ed memory; GLib's allocator is the same, but be exact. */
static inline char *
steal_malloced (char *s)
{
  char *copy = g_strdup (s);
  free (s);
  return copy;
}

/* DESTINATION without trailing slashes, split into folder and name. */
static void
split_destination (const char  *destination,
                   char       **dir,
                   char       **base)
{
  g_autofree char *norm = g_strdup (destination);
  gsize len = strlen (norm);

  while (len > 1 && norm[len - 1] == G_DIR_SEPARATOR)
    norm[--len] = '\0';
  *dir = g_path_get_dirname (norm);
  *base = g_path_get_basename (norm);
}

/* The real path DESTINATION would have: the real path of its folder and its name
 * (the name itself not followed); NULL when the folder does not exist. */
static char *
real_destination (const char *destination)
{
  g_autofree char *dir = NULL, *base = NULL, *real_dir = NULL;

  split_destination (destination, &dir, &base);
  if (g_str_equal (base, ".") || g_str_equal (base, "..") || g_str_equal (base, G_DIR_SEPARATOR_S))
    {
      char *whole = realpath (destination, NULL);
      return whole != NULL ? steal_malloced (whole) : NULL;
    }
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    return NULL;
  return g_build_filename (real_dir, base, NULL);
}

gboolean
pathways_safe_file_check_not_input (const char         *destination,
                                    const char * const *inputs,
                                    GError            **error)
{
  g_autofree char *dest_real = NULL;
  GStatBuf dest_st;
  gboolean dest_exists;

  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dest_real = real_destination (destination);
  dest_exists = g_stat (destination, &dest_st) == 0;
  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    {
      char *resolved = realpath (inputs[i], NULL);
      g_autofree char *input_real = resolved != NULL ? steal_malloced (resolved)
                                                     : g_canonicalize_filename (inputs[i], NULL);
      g_autofree char *prefix = dest_real != NULL ? g_strconcat (dest_real, G_DIR_SEPARATOR_S, NULL) : NULL;
      GStatBuf input_st;
      gboolean same = dest_real != NULL && g_str_equal (dest_real, input_real);

      if (!same && dest_exists && g_stat (inputs[i], &input_st) == 0)
        same = dest_st.st_dev == input_st.st_dev && dest_st.st_ino == input_st.st_ino;
      if (same || (prefix != NULL && g_str_has_prefix (input_real, prefix)))
        {
          g_autofree char *dest_display = g_filename_display_name (destination);
          g_autofree char *input_display = g_filename_display_name (inputs[i]);

          g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_IS_INPUT,
                       same
                       ? _("Pathways will not write to “%s”: it is the input “%s”, which would be lost. "
                           "Choose another name.")
                       : _("Pathways will not write to “%s”: it holds the input “%s”, which would be lost. "
                           "Choose another name."),
                       dest_display, input_display);
          return FALSE;
        }
    }
  return TRUE;
}

void
pathways_safe_file_set_error (GError     **error,
                              int          errsv,
                              const char  *destination)
{
  g_autofree char *name = NULL, *dir = NULL, *base = NULL, *folder = NULL;

  g_return_if_fail (destination != NULL);

  split_destination (destination, &dir, &base);
  name = g_filename_display_name (base);
  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
    case EFBIG:
      if (g_file_test (destination, G_FILE_TEST_IS_DIR))
        g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                     _("The disk is full: Pathways could not save %s; the previous folder is unchanged."), name);
      else if (g_file_test (destination, G_FILE_TEST_EXISTS))
        g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                     _("The disk is full: Pathways could not save %s; the previous file is unchanged."), name);
      else
        g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                     _("The disk is full: Pathways could not save %s."), name);
      break;
    case EACCES:
    case EPERM:
    case EROFS:
      folder = g_filename_display_name (dir);
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("You do not have permission to write to %s."), folder);
      break;
    default:
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("Pathways could not save %s: %s"), name, g_strerror (errsv));
      break;
    }
}

/* FALSE with an error when DESTINATION is a symbolic link (never followed, never
 * replaced) or, for a file, a folder. */
static gboolean
check_destination (const char  *destination,
                   gboolean     folder,
                   GStatBuf    *st,
                   gboolean    *exists,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (destination);

  *exists = g_lstat (destination, st) == 0;
  if (*exists && S_ISLNK (st->st_mode))
    {
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("“%s” is a symbolic link: Pathways does not write through links or replace them. "
                     "Choose another name."), display);
      return FALSE;
    }
  if (*exists && !folder && S_ISDIR (st->st_mode))
    {
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("Cannot write “%s”: it is a folder"), display);
      return FALSE;
    }
  if (*exists && folder && !S_ISDIR (st->st_mode))
    {
      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("Cannot write CSV files into “%s”: it is a file, not a folder"), display);
      return FALSE;
    }
  return TRUE;
}

/* "DIR/.NAME.XXXXXX": hidden, in the destination's folder, so the rename stays on
 * one file system. */
static char *
temp_template (const char *destination,
               const char *suffix)
{
  g_autofree char *dir = NULL, *base = NULL;
  gsize len;

  split_destination (destination, &dir, &base);
  len = strlen (base);
  if (len > MAX_BASE_BYTES)
    base[MAX_BASE_BYTES] = '\0';
  return g_strdup_printf ("%s%s.%s.%sXXXXXX", dir, G_DIR_SEPARATOR_S, base, suffix);
}

/* fsync(), where the file system can (EINVAL: it cannot, nothing to wait for). */
static gboolean
sync_fd (int fd)
{
  return fsync (fd) == 0 || errno == EINVAL;
}

static void
sync_folder_of (const char *path)
{
  g_autofree char *dir = NULL, *base = NULL;
  int fd;

  split_destination (path, &dir, &base);
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* ------------------------------------------------------------------- file */

struct _PathwaysSafeFile
{
  char     *path;
  char     *temp;
  FILE     *stream;
  mode_t    mode;       /* the mode of a new file: 0666 less the umask */
  gboolean  committed;
};

PathwaysSafeFile *
pathways_safe_file_new (const char  *destination,
                        GError     **error)
{
  PathwaysSafeFile *self;
  GStatBuf st;
  gboolean exists;
  int fd;

  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_destination (destination, FALSE, &st, &exists, error))
    return NULL;
  self = g_new0 (PathwaysSafeFile, 1);
  self->path = g_strdup (destination);
  self->temp = temp_template (destination, "");
  /* created with 0666 so that the umask shows in its mode, then closed to 0600 (it is
   * still empty) until complete */
  fd = g_mkstemp_full (self->temp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      pathways_safe_file_set_error (error, errno, destination);
      g_clear_pointer (&self->temp, g_free);
      pathways_safe_file_free (self);
      return NULL;
    }
  self->mode = fstat (fd, &st) == 0 ? (st.st_mode & 0777) : 0644;
  if (fchmod (fd, 0600) != 0 || (self->stream = fdopen (fd, "wb")) == NULL)
    {
      pathways_safe_file_set_error (error, errno, destination);
      close (fd);
      pathways_safe_file_free (self);
      return NULL;
    }
  return self;
}

const char *
pathways_safe_file_get_path (PathwaysSafeFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
pathways_safe_file_get_temp_path (PathwaysSafeFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp;
}

FILE *
pathways_safe_file_get_stream (PathwaysSafeFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

gboolean
pathways_safe_file_commit (PathwaysSafeFile  *self,
                           GError           **error)
{
  int errsv = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed && self->stream != NULL, FALSE);

  if (fflush (self->stream) != 0 || !sync_fd (fileno (self->stream)) ||
      fchmod (fileno (self->stream), self->mode) != 0)
    errsv = errno;
  if (fclose (self->stream) != 0 && errsv == 0)
    errsv = errno;
  self->stream = NULL;
  if (errsv == 0 && g_rename (self->temp, self->path) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      pathways_safe_file_set_error (error, errsv, self->path);
      return FALSE;
    }
  self->committed = TRUE;
  sync_folder_of (self->path);
  return TRUE;
}

void
pathways_safe_file_free (PathwaysSafeFile *self)
{
  if (self == NULL)
    return;
  if (self->stream != NULL)
    fclose (self->stream);
  if (!self->committed && self->temp != NULL)
    g_unlink (self->temp);
  g_free (self->path);
  g_free (self->temp);
  g_free (self);
}

gboolean
pathways_safe_file_set_contents (const char  *destination,
                                 const void  *data,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(PathwaysSafeFile) file = NULL;

  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  file = pathways_safe_file_new (destination, error);
  if (file == NULL)
    return FALSE;
  if (length > 0 && fwrite (data, 1, length, file->stream) != length)
    {
      pathways_safe_file_set_error (error, errno != 0 ? errno : EIO, destination);
      return FALSE;
    }
  return pathways_safe_file_commit (file, error);
}

/* ----------------------------------------------------------------- folder */

struct _PathwaysSafeFolder
{
  char     *path;
  char     *temp;
  mode_t    mode;
  gboolean  committed;
};

/* TRUE when the folder PATH holds nothing but a previous CSV export. */
static gboolean
is_previous_export (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      GStatBuf st;
      gboolean ours = g_str_equal (name, "README.txt") ||
                      (g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[1]) && name[2] == '-' &&
                       g_str_has_suffix (name, ".csv"));

      if (!ours || g_lstat (file, &st) != 0 || !S_ISREG (st.st_mode))
        return FALSE;
    }
  return TRUE;
}

/* Removes a folder of files written by Pathways (no subfolders). */
static void
remove_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

PathwaysSafeFolder *
pathways_safe_folder_new (const char  *destination,
                          GError     **error)
{
  PathwaysSafeFolder *self;
  g_autofree char *dir = NULL, *base = NULL;
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_destination (destination, TRUE, &st, &exists, error))
    return NULL;
  if (exists && !is_previous_export (destination))
    {
      g_autofree char *display = g_filename_display_name (destination);

      g_set_error (error, PATHWAYS_OUTPUT_ERROR, PATHWAYS_OUTPUT_ERROR_WRITE,
                   _("“%s” already holds other files: Pathways replaces a folder only when it holds a "
                     "previous CSV export. Choose a new folder name."), display);
      return NULL;
    }
  split_destination (destination, &dir, &base);
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      pathways_safe_file_set_error (error, errno, destination);
      return NULL;
    }
  self = g_new0 (PathwaysSafeFolder, 1);
  self->path = g_strdup (destination);
  self->temp = temp_template (destination, "");
  if (g_mkdtemp_full (self->temp, 0777) == NULL)
    {
      pathways_safe_file_set_error (error, errno, destination);
      g_clear_pointer (&self->temp, g_free);
      pathways_safe_folder_free (self);
      return NULL;
    }
  self->mode = g_stat (self->temp, &st) == 0 ? (st.st_mode & 0777) : 0755;
  if (g_chmod (self->temp, 0700) != 0)
    {
      pathways_safe_file_set_error (error, errno, destination);
      pathways_safe_folder_free (self);
      return NULL;
    }
  return self;
}

gboolean
pathways_safe_folder_write (PathwaysSafeFolder  *self,
                            const char          *name,
                            const void          *data,
                            gsize                length,
                            GError             **error)
{
  g_autofree char *file = NULL;
  const char *p = data;
  int fd, errsv = 0;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);
  g_return_val_if_fail (name != NULL && strchr (name, G_DIR_SEPARATOR) == NULL, FALSE);

  file = g_build_filename (self->temp, name, NULL);
  fd = g_open (file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      pathways_safe_file_set_error (error, errno, self->path);
      return FALSE;
    }
  while (length > 0 && errsv == 0)
    {
      gssize n = write (fd, p, length);
      if (n < 0 && errno != EINTR)
        errsv = errno;
      else if (n > 0)
        {
          p += n;
          length -= n;
        }
    }
  if (errsv == 0 && !sync_fd (fd))
    errsv = errno;
  if (close (fd) != 0 && errsv == 0)
    errsv = errno;
  if (errsv != 0)
    {
      pathways_safe_file_set_error (error, errsv, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Swaps the folders NEW and OLD_PATH (which exists): afterwards NEW holds the old
 * folder, to be removed. */
static int
swap_folders (const char *new,
              const char *old_path)
{
#ifdef RENAME_EXCHANGE
  if (renameat2 (AT_FDCWD, new, AT_FDCWD, old_path, RENAME_EXCHANGE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;
#endif
  {
    /* no atomic exchange on this file system: move the old one away, the new one in,
     * and the old one back if that fails */
    g_autofree char *aside = temp_template (old_path, "old-");
    int errsv;

    if (g_mkdtemp_full (aside, 0700) == NULL)
      return errno;
    if (g_rename (old_path, aside) != 0)
      {
        errsv = errno;
        g_rmdir (aside);
        return errsv;
      }
    if (g_rename (new, old_path) != 0)
      {
        errsv = errno;
        g_rename (aside, old_path);
        return errsv;
      }
    if (g_rename (aside, new) != 0)
      remove_folder (aside);   /* the new export is in place: only the old one is left */
    return 0;
  }
}

gboolean
pathways_safe_folder_commit (PathwaysSafeFolder  *self,
                             GError             **error)
{
  GStatBuf st;
  int errsv = 0;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (g_chmod (self->temp, self->mode) != 0)
    errsv = errno;
  else if (g_lstat (self->path, &st) == 0)
    errsv = swap_folders (self->temp, self->path);
  else if (g_rename (self->temp, self->path) != 0)
    errsv = errno;
  if (errsv != 0)
    {
      pathways_safe_file_set_error (error, errsv, self->path);
      return FALSE;
    }
  self->committed = TRUE;
  /* after a swap the temporary name holds the old export */
  remove_folder (self->temp);
  sync_folder_of (self->path);
  return TRUE;
}

void
pathways_safe_folder_free (PathwaysSafeFolder *self)
{
  if (self == NULL)
    return;
  if (!self->committed && self->temp != NULL)
    remove_folder (self->temp);
  g_free (self->path);
  g_free (self->temp);
  g_free (self);
}
