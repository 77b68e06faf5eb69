/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pathways-sha256"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "pathways-i18n.h"
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pathways-sha256.h"

char *
pathways_sha256_file (const char  *path,
                      gint64      *out_size,
                      GError     **error)
{
  return pathways_sha256_file_cancellable (path, out_size, NULL, error);
}

char *
pathways_sha256_file_cancellable (const char    *path,
                                  gint64        *out_size,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (1 << 20);
  gint64 size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot open the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  for (;;)
    {
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
      n = read (fd, buffer, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, buffer, n);
      size += n;
    }

  close (fd);

  if (out_size != NULL)
    *out_size = size;

  return g_strdup (g_checksum_get_string (checksum));
}
