/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-writers.c: the rows of the two output formats.
 *
 * The sample format is a case file and a service file with canonical values and ISO
 * dates; the DPMS-style export is one "long" file, one row per service with the case
 * columns repeated, raw spellings, UK dates and CRLF line ends. Planted problems
 * (Marks) change how a case is written, not the case.
 */

#define G_LOG_DOMAIN "pathways-generate"

#include "config.h"

#include <string.h>

#include "pathways-generate-private.h"

static const char *
service_detail_sample (guint8 kind,
                       guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_details[detail].a;
    case SVC_ADVOCACY: return advocacy_details[detail].a;
    case SVC_GROUP: return group_details[0].a;
    case SVC_HELPLINE: return helpline_details[0].a;
    default: return outreach_details[0].a;
    }
}

static const char *
service_type_dpms (guint8 kind,
                   guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_details[detail].b;
    case SVC_ADVOCACY: return advocacy_details[detail].b;
    case SVC_GROUP: return group_details[0].b;
    case SVC_HELPLINE: return helpline_details[0].b;
    default: return outreach_details[0].b;
    }
}

static const char *
service_name_dpms (guint8 kind,
                   guint8 detail)
{
  switch (kind)
    {
    case SVC_THERAPY: return therapy_names[detail];
    case SVC_ADVOCACY: return advocacy_names[detail];
    case SVC_GROUP: return "Survivors' group";
    case SVC_HELPLINE: return "Helpline";
    default: return "Outreach";
    }
}

static void
write_multi (Out        *out,
             const Item *items,
             guint       n,
             guint32     set,
             guint8      klass,
             const char *none,
             gboolean    nr_text)
{
  char buf[1024];
  gsize len = 0;

  if (klass == MC_NONE)
    {
      out_field (out, none);
      return;
    }
  if (klass == MC_NR)
    {
      out_field (out, nr_text ? "Not recorded" : "");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      if (set & (1u << i))
        {
          gsize l = strlen (items[i].name);

          if (len > 0)
            {
              buf[len++] = ';';
              buf[len++] = ' ';
            }
          memcpy (buf + len, items[i].name, l);
          len += l;
        }
    }
  buf[len] = '\0';
  out_field (out, buf);
}

static void
write_closure (Out    *out,
               gint32  closure,
               gboolean future)
{
  gint32 y, m, d;

  if (!future || closure == NO_DATE)
    {
      out_date (out, closure);
      return;
    }
  civil_from_days (closure, &y, &m, &d);
  out_ymd (out, y + 180, m, d);
}

static void
write_contact (Out    *out,
               gint32  contact,
               gboolean impossible)
{
  gint32 y, m, d;

  if (!impossible)
    {
      out_date (out, contact);
      return;
    }
  civil_from_days (contact, &y, &m, &d);
  out_ymd (out, y, 2, 31);
}

static void
write_service_end (Out    *out,
                   gint32  end,
                   gboolean impossible)
{
  gint32 y, m, d;

  if (!impossible)
    {
      out_date (out, end);
      return;
    }
  civil_from_days (end, &y, &m, &d);
  out_ymd (out, y, m, 31);
}

static const char *
reason_text (guint8 reason)
{
  return reason == NONE ? "" : reason_names[reason];
}

static void
write_sample_case (Gen         *g,
                   const Case  *c,
                   const Marks *m,
                   gint32       closure,
                   guint8       reason)
{
  Out *o = &g->cases_out;
  const Table *src = &g->t_sources[c->src_group];
  const char *tbs;

  out_id (o, "C", c->number, g->case_width);
  out_id (o, "P", c->person, g->person_width);
  out_date (o, c->referral);
  write_contact (o, c->contact, m->impossible_contact);
  out_date (o, c->assessment);
  write_closure (o, closure, m->future_closure);
  out_field (o, reason_text (reason));
  out_field (o, source_groups[c->src_group].a);
  out_field (o, src->c[c->src_detail].a);
  out_field (o, g->t_incident[0].c[c->incident].a);
  out_field (o, c->returning ? "Returning" : "New");
  out_field (o, roles[c->role].a);
  out_field (o, genders[c->gender].a);
  out_field (o, age_bands[c->age_band].a);
  out_field (o, ethnicities[c->ethnicity].a);
  out_field (o, disabilities[c->disability].a);
  out_field (o, sexualities[c->sexuality].a);
  out_field (o, religions[c->religion].a);
  out_field (o, accommodations[c->accommodation].a);
  out_field (o, employments[c->employment].a);
  tbs = c->tbs != NONE ? tbs_sample[c->tbs] : c->tbs_missing ? "Not recorded" : "";
  out_field (o, tbs);
  write_multi (o, risk_items, G_N_ELEMENTS (risk_items), c->risks, c->risk_class,
               "No known current risk", FALSE);
  write_multi (o, issue_items, G_N_ELEMENTS (issue_items), c->issues, c->issue_class,
               "None", FALSE);
  write_multi (o, impact_items, G_N_ELEMENTS (impact_items), c->impacts, c->impact_class,
               "None", FALSE);
  out_field (o, extras_area_name (c));
  out_eol (o);
}

static void
write_sample_service (Gen           *g,
                      guint64        case_number,
                      const Service *s,
                      gboolean       impossible_end)
{
  Out *o = &g->services_out;

  out_id (o, "S", ++g->next_service, g->service_width);
  out_id (o, "C", case_number, g->case_width);
  out_field (o, s->type_missing ? "" : service_types[s->kind]);
  out_field (o, s->type_missing ? "" : service_detail_sample (s->kind, s->detail));
  out_date (o, s->wl);
  out_date (o, s->start);
  write_service_end (o, s->end, impossible_end);
  out_field (o, reason_text (s->reason));
  out_eol (o);
}

void
write_sample (Gen         *g,
              const Case  *c,
              const Marks *m)
{
  write_sample_case (g, c, m, c->closure, c->reason);
  if (m->duplicate)
    write_sample_case (g, c, m, m->duplicate_closure, m->duplicate_reason);
  for (guint i = 0; i < c->n_services; i++)
    write_sample_service (g, c->number, &c->services[i],
                          m->impossible_end_service == (gint) i);
  for (guint k = 0; k < m->orphans; k++)
    {
      Service s = { 0 };
      char buf[160];

      s.kind = SVC_THERAPY;
      s.detail = 0;
      s.wl = m->orphan_wl[k];
      s.start = m->orphan_start[k];
      s.end = NO_DATE;
      s.reason = NONE;
      write_sample_service (g, m->orphan_case[k], &s, FALSE);
      g_snprintf (buf, sizeof buf, "service S%0*" G_GUINT64_FORMAT " points to C%0*"
                  G_GUINT64_FORMAT ", written after the services of this case",
                  g->service_width, g->next_service, g->case_width, m->orphan_case[k]);
      report_case (g, PLANT_ORPHAN_SERVICE, c, buf);
    }
}

static void
write_dpms_row (Gen           *g,
                const Case    *c,
                const Marks   *m,
                gint32         closure,
                guint8         reason,
                const Service *s,
                gboolean       impossible_end)
{
  Out *o = &g->cases_out;
  const Table *src = &g->t_sources[c->src_group];
  const char *tbs;

  out_field (o, "ORG07");
  out_id (o, "C", c->number, g->case_width);
  out_id (o, "P", c->person, g->person_width);
  out_id (o, "CL", c->person + 100000, g->person_width);
  out_date (o, c->referral);
  write_closure (o, closure, m->future_closure);
  out_field (o, c->returning ? "Returner" : "New");
  out_field (o, roles[c->role].b);
  out_field (o, genders[c->gender].b);
  out_field (o, age_bands[c->age_band].b);
  out_field (o, g->t_incident[0].c[c->incident].b);
  out_field (o, src->c[c->src_detail].b);
  out_field (o, source_route[c->src_route].b);
  tbs = c->tbs != NONE ? tbs_dpms[c->tbs] : c->tbs_missing ? "Not known" : "";
  out_field (o, tbs);
  out_field (o, ethnicities[c->ethnicity].b);
  out_field (o, disabilities[c->disability].b);
  out_field (o, sexualities[c->sexuality].b);
  out_field (o, religions[c->religion].b);
  out_field (o, accommodations[c->accommodation].b);
  out_field (o, employments[c->employment].b);
  write_multi (o, risk_items, G_N_ELEMENTS (risk_items), c->risks, c->risk_class,
               "No known current risk", TRUE);
  write_multi (o, issue_items, G_N_ELEMENTS (issue_items), c->issues, c->issue_class,
               "None", TRUE);
  write_multi (o, impact_items, G_N_ELEMENTS (impact_items), c->impacts, c->impact_class,
               "None", TRUE);
  write_contact (o, c->contact, m->impossible_contact);
  out_date (o, c->assessment);
  out_field (o, reason_text (reason));
  if (s == NULL)
    {
      for (guint i = 0; i < 7; i++)
        out_field (o, "");
    }
  else
    {
      out_id (o, "S", ++g->next_service, g->service_width);
      out_field (o, s->type_missing ? "" : service_type_dpms (s->kind, s->detail));
      out_field (o, s->type_missing ? "" : service_name_dpms (s->kind, s->detail));
      out_date (o, s->wl);
      out_date (o, s->start);
      write_service_end (o, s->end, impossible_end);
      out_field (o, reason_text (s->reason));
    }
  out_eol (o);
}

void
write_dpms (Gen         *g,
            const Case  *c,
            const Marks *m)
{
  if (c->n_services == 0)
    write_dpms_row (g, c, m, c->closure, c->reason, NULL, FALSE);
  for (guint i = 0; i < c->n_services; i++)
    write_dpms_row (g, c, m, c->closure, c->reason, &c->services[i],
                    m->impossible_end_service == (gint) i);
  if (m->duplicate)
    write_dpms_row (g, c, m, m->duplicate_closure, m->duplicate_reason, NULL, FALSE);
}

static const char *sample_case_columns[] = {
  "case_id", "person_id", "referral_date", "first_contact_date", "assessment_date",
  "closure_date", "closure_reason", "referral_source", "referral_source_detail",
  "primary_incident", "new_or_returning", "client_role", "gender", "age_band",
  "ethnicity", "disability", "sexuality", "religion", "accommodation", "employment",
  "time_before_support", "risks", "issues", "impacts", "area",
};
static const char *sample_service_columns[] = {
  "service_id", "case_id", "service_type", "service_detail", "service_referral_date",
  "service_start_date", "service_end_date", "service_closure_reason",
};
static const char *dpms_columns[] = {
  "organisationid", "clientcaseid", "personid", "clientid", "startdate", "enddate",
  "newreturner", "role", "gender", "ageband", "primaryincident", "referralsource1",
  "referralsource2", "timeelapsedbeforesupport", "ethnicity1", "disabilities",
  "sexuality", "religion", "accommodation", "employmentstatus", "risks", "issues",
  "incidentimpact", "firstcontactdate", "assessmentdate", "closurereason", "serviceid",
  "servicetype", "servicename", "waitinglistdate", "servicestartdate", "serviceenddate",
  "serviceclosurereason",
};

static void
write_header (Out         *out,
              const char **names,
              guint        n)
{
  for (guint i = 0; i < n; i++)
    out_field (out, names[i]);
  out_eol (out);
}

void
write_headers (Gen *g)
{
  if (g->format == FORMAT_DPMS)
    write_header (&g->cases_out, dpms_columns, G_N_ELEMENTS (dpms_columns));
  else
    {
      write_header (&g->cases_out, sample_case_columns, G_N_ELEMENTS (sample_case_columns));
      write_header (&g->services_out, sample_service_columns,
                    G_N_ELEMENTS (sample_service_columns));
    }
}
