/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-i18n.h: the core's translations, in the language of the report.
 *
 * A report can be written in another language than the desktop's: a Welsh report for a
 * Welsh funder from an English desktop, and the reverse. Exports run in worker threads,
 * and the process's locale and the LANGUAGE variable are shared by every thread, so
 * they cannot be changed for one export. Instead each thread has a report language
 * (pathways_i18n_set_language()): while it is set, the core's _(), C_(), g_dgettext()
 * and g_dngettext() look the message up in that language's catalogue, which this module
 * reads itself from the installed pathways.mo (the GNU .mo format: a header, a table
 * of original strings and a table of translations, see the gettext manual, "The Format
 * of GNU MO Files"). A catalogue is read once and kept; lookups take no lock.
 *
 * With no report language set, everything follows the process's locale as before.
 *
 * The core's files include this header instead of <glib/gi18n-lib.h>; the macros at the
 * end replace GLib's for them, so the marked strings need no other change and xgettext
 * finds them as always. The application and the CLI include <glib/gi18n.h> first: they
 * get the functions only, and their own messages keep following the desktop.
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

#define PATHWAYS_I18N_ERROR (pathways_i18n_error_quark ())

typedef enum {
  PATHWAYS_I18N_ERROR_UNKNOWN_LANGUAGE,  /* no catalogue for this language */
} PathwaysI18nError;

GQuark       pathways_i18n_error_quark   (void);

/* The report language of the calling thread. NULL: the process's locale (the desktop's
 * language). "en" or "C": the English of the sources. Otherwise a language with an
 * installed catalogue ("cy", "en_GB"; "cy_GB.UTF-8" and "cy_GB" find "cy"). Fails, and
 * changes nothing, for a language with no catalogue. Threads from a pool are reused:
 * set it back to NULL when the work is done. */
gboolean     pathways_i18n_set_language  (const char  *language,
                                          GError     **error);
/* The calling thread's report language as set (NULL: the process's). */
const char  *pathways_i18n_get_language  (void);

/* "en" and every language with an installed catalogue, sorted; free with g_strfreev(). */
GStrv        pathways_i18n_list_languages (void);
/* The name of LANGUAGE in that language ("Cymraeg"), for menus; LANGUAGE if unknown. */
const char  *pathways_i18n_get_language_name (const char *language);

/* The folder of the catalogues for the programs to bind: $PATHWAYS_LOCALEDIR when set
 * (tests and uninstalled runs: the build's po folder), else the installed LOCALEDIR.
 * The core reads catalogues from the folder bound to its text domain. */
const char  *pathways_i18n_get_localedir (void);

const char  *pathways_i18n_dgettext      (const char  *domain,
                                          const char  *msgid) G_GNUC_FORMAT (2);
const char  *pathways_i18n_dngettext     (const char  *domain,
                                          const char  *msgid,
                                          const char  *msgid_plural,
                                          gulong       n) G_GNUC_FORMAT (3);
const char  *pathways_i18n_dpgettext     (const char  *domain,
                                          const char  *msgctxtid,
                                          gsize        msgidoffset) G_GNUC_FORMAT (2);

/* Month names in the report language: MONTH 1 to 12 ("January", "Jan"). */
const char  *pathways_i18n_month_name    (int          month);
const char  *pathways_i18n_month_abbrev  (int          month);
/* g_date_time_format() with %B and %b in the report language rather than the
 * process's LC_TIME. */
char        *pathways_i18n_format_date   (GDateTime   *datetime,
                                          const char  *format);

#ifndef __G_I18N_H__
#include <glib/gi18n-lib.h>
#undef _
#define _(String) ((char *) pathways_i18n_dgettext (GETTEXT_PACKAGE, String))
#undef C_
#define C_(Context, String) \
  pathways_i18n_dpgettext (GETTEXT_PACKAGE, Context "\004" String, strlen (Context) + 1)
#define g_dgettext(Domain, String) pathways_i18n_dgettext (Domain, String)
#define g_dngettext(Domain, Msgid, Plural, N) pathways_i18n_dngettext (Domain, Msgid, Plural, N)
#endif

G_END_DECLS
