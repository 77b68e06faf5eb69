/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-generate-private.h: what the parts of the sample-data generator share.
 *
 * pathways-generate-random.c     the random numbers, the calendar, weighted picks
 * pathways-generate-tables.c     the distributions (category tables and weights)
 * pathways-generate-case.c       a case: person, referral, needs, journey, snapshot
 * pathways-generate-services.c   the services of a case and their closure reasons
 * pathways-generate-plants.c     the planted data-quality problems
 * pathways-generate-csv.c        buffered CSV output
 * pathways-generate-writers.c    the sample (two files) and DPMS-style rows
 * pathways-generate.c            referral dates, the run, the command line
 *
 * Everything is integer arithmetic on a private xoshiro256** generator, so the
 * output is byte-identical on every machine, compiler and GLib version: a change
 * must keep every random draw, and the order of the draws, as it is. Two draws never
 * share an expression (the arguments of one call, the operands of +): C leaves
 * their order to the compiler.
 */
#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

#define SAMPLE_CASES  6457
#define DEFAULT_SEED  G_GUINT64_CONSTANT (20230505)
#define PPM           1000000u
#define NO_DATE       G_MININT32
#define NONE          0xff

/* ------------------------------------------------------------------------ */
/* Random numbers: splitmix64 to seed xoshiro256**                            */

typedef struct
{
  guint64 s[4];
} Rng;

void rng_seed (Rng     *rng,
               guint64  seed);

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n), n < 2^32 (multiply-shift; the tiny bias is irrelevant here). */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline gint32
rng_range (Rng    *rng,
           gint32  lo,
           gint32  hi)
{
  return lo + (gint32) rng_below (rng, (guint32) (hi - lo + 1));
}

/* TRUE with probability ppm / 1,000,000. */
static inline gboolean
rng_chance (Rng     *rng,
            guint32  ppm)
{
  return rng_below (rng, PPM) < ppm;
}

/* ppm × factor / 1000, capped at 1,000,000. */
static inline guint32
scale_ppm (guint32 ppm,
           guint32 per_mille)
{
  guint64 v = (guint64) ppm * per_mille / 1000;

  return v > PPM ? PPM : (guint32) v;
}

/* ------------------------------------------------------------------------ */
/* Dates: days since 1970-01-01, proleptic Gregorian                          */

gint32 days_from_civil (gint32  y,
                        gint32  m,
                        gint32  d);
void   civil_from_days (gint32  z,
                        gint32 *y,
                        gint32 *m,
                        gint32 *d);
/* The later of two dates, NO_DATE counting as the earliest. */
gint32 max_date        (gint32  a,
                        gint32  b);

/* ------------------------------------------------------------------------ */
/* Buffered CSV output, numbers formatted by hand                             */

typedef struct
{
  FILE       *fp;
  char       *path;
  char       *buf;
  gsize       len;
  gsize       cap;
  gboolean    crlf;
  gboolean    uk_dates;
  char        delimiter;    /* ',' unless --quirky */
  gboolean    failed;
  int         saved_errno;
  gboolean    first_field;
  guint64     bytes;
} Out;

gboolean out_open  (Out         *out,
                    const char  *dir,
                    const char  *name,
                    gboolean     crlf,
                    gboolean     uk_dates,
                    GError     **error);
/* Flushes and closes; FALSE with ERROR set (when not already set) if a write failed. */
gboolean out_close (Out         *out,
                    GError     **error);
void     out_field (Out         *out,
                    const char  *s);
void     out_eol   (Out         *out);
/* An identifier: prefix and a zero-padded number of WIDTH digits. */
void     out_id    (Out         *out,
                    const char  *prefix,
                    guint64      number,
                    guint        width);
/* A date as ISO or UK text from its parts; the parts need not form a real date
 * (planted impossible dates are written this way). */
void     out_ymd   (Out         *out,
                    gint32       y,
                    gint32       m,
                    gint32       d);
/* A date, or an empty field for NO_DATE. */
void     out_date  (Out         *out,
                    gint32       day);

/* ------------------------------------------------------------------------ */
/* Category tables and weighted picks                                         */

/* One value: A is the canonical value written to the sample files, B the raw
 * spelling written to the DPMS export, W its weight. */
typedef struct
{
  const char *a;
  const char *b;
  guint32     w;
} Choice;

typedef struct
{
  const Choice *c;
  guint         n;
  guint32       total;
} Table;

#define TABLE(arr) { arr, G_N_ELEMENTS (arr), 0 }

void   table_init (Table       *t);
guint8 table_pick (const Table *t,
                   Rng         *rng);

/* Multi-category fields. ONE is the weight when the case lists exactly one value,
 * MULTI the chance (ppm) that a case listing several includes it. */
typedef struct
{
  const char *name;
  guint32     one;
  guint32     multi;
} Item;

/* Count classes of a multi-category field: multiple, one, none, not recorded. */
enum { MC_MULTI, MC_ONE, MC_NONE, MC_NR };

/* The values of one case (a bit set over ITEMS) for its count class KLASS. */
guint32 pick_items (Rng           *rng,
                    const Item    *items,
                    guint          n,
                    guint8         klass);
/* A count class from four weights (per 10,000). */
guint8  pick_class (Rng           *rng,
                    const guint32 *w);

typedef struct
{
  guint8  reason;
  guint32 w;
} ReasonChoice;

guint8 pick_reason (const ReasonChoice *t,
                    guint               n,
                    Rng                *rng);
#define PICK_REASON(t, rng) pick_reason (t, G_N_ELEMENTS (t), rng)

/* A range of days, drawn uniformly once the range is chosen by its weight. */
typedef struct
{
  gint32  lo;
  gint32  hi;
  guint32 w;
} Bucket;

gint32 pick_bucket (const Bucket *b,
                    guint         n,
                    Rng          *rng);
#define PICK_BUCKET(b, rng) pick_bucket (b, G_N_ELEMENTS (b), rng)

/* ------------------------------------------------------------------------ */
/* The distributions (pathways-generate-tables.c)                             */

/* Referral-source groups (canonical values). */
enum { SRC_POLICE, SRC_SELF, SRC_HEALTH, SRC_SUPPORT, SRC_LA, SRC_OTHER, SRC_MISSING, N_SRC };
enum { INC_RAPE, INC_CSA, INC_SV, INC_SE, INC_DA, INC_STALK, INC_NONE, INC_MISSING, N_INC };
enum { ROLE_PRIMARY, ROLE_SECONDARY, ROLE_MISSING };
enum { AGE_18, AGE_25, AGE_35, AGE_45, AGE_55, AGE_65, AGE_75, AGE_MISSING, N_AGE };
enum { ACC_OWNS, ACC_FAMILY, ACC_TEMP, ACC_HOMELESS, ACC_MISSING };
enum { TBS_CSA, TBS_POLICE, TBS_SELF, TBS_OTHER, N_TBS_CLASS };

/* Closure reasons, case and service level (the DPMS system's list). */
enum {
  R_PLANNED, R_DNE, R_NOT_BROUGHT, R_DISENGAGED, R_UNPLANNED, R_INAPPROPRIATE,
  R_DECLINED, R_DENIED, R_DUAL_DENIED, R_INCOMPLETE, R_WITHDRAWN_REF, R_REFERRED_ON,
  R_ENGAGED_WL, R_DNE_WL, R_TRANSFER_WORKER, R_TRANSFER_RC, R_SERVICE_WITHDRAWN,
  R_DEFERRED, N_REASONS
};

/* Services. */
enum { SVC_THERAPY, SVC_ADVOCACY, SVC_GROUP, SVC_HELPLINE, SVC_OUTREACH, N_SVC };

extern const Choice source_groups[];
extern const Choice source_route[];
extern const Choice roles[];
extern const Choice genders[];
extern const Choice age_bands[];
extern const gint32 age_lo[];
extern const gint32 age_hi[];
extern const Choice ethnicities[];
extern const Choice disabilities[];
extern const Choice sexualities[];
extern const Choice religions[];
extern const Choice accommodations[];
extern const guint8 accommodation_class[];
extern const Choice employments[];

/* Time from incident to seeking support: six bands, then the missing spellings. */
extern const char *tbs_sample[];
extern const char *tbs_dpms[];
extern const guint32 tbs_weights[N_TBS_CLASS][6];

extern const Item issue_items[13];
extern const Item impact_items[12];
extern const Item risk_items[9];
extern const guint32 risk_classes[4];
extern const guint32 issue_classes[4];
extern const guint32 impact_classes[4];

extern const char *reason_names[N_REASONS];
extern const ReasonChoice reasons_not_contacted[5];
extern const ReasonChoice reasons_not_assessed[8];
extern const ReasonChoice reasons_no_service[6];
extern const ReasonChoice reasons_not_started[6];
extern const ReasonChoice reasons_started_unplanned[9];
extern const ReasonChoice svc_not_started[5];
extern const ReasonChoice svc_therapy_planned_case[6];
extern const ReasonChoice svc_therapy_unplanned_case[7];
extern const ReasonChoice svc_advocacy_planned_case[4];
extern const ReasonChoice svc_advocacy_unplanned_case[6];

extern const char *service_types[N_SVC];
extern const Choice therapy_details[];
extern const Choice advocacy_details[];
extern const Choice group_details[];
extern const Choice helpline_details[];
extern const Choice outreach_details[];
extern const char *therapy_names[];
extern const char *advocacy_names[];

extern const Bucket therapy_wait[6];
extern const Bucket advocacy_wait[7];
extern const Bucket other_wait[2];
extern const Bucket therapy_length[3];
extern const Bucket advocacy_length[3];
extern const Bucket short_length[1];
extern const Bucket return_gap[3];

extern const guint32 year_weights[23];

/* ------------------------------------------------------------------------ */
/* The model                                                                 */

typedef struct
{
  gint32 wl;
  gint32 start;
  gint32 end;
  guint8 kind;
  guint8 detail;
  guint8 reason;
  guint8 type_missing;
} Service;

#define MAX_SERVICES 8

typedef struct
{
  guint64 number;
  guint64 person;
  gint32  referral;
  gint32  contact;
  gint32  assessment;
  gint32  closure;
  guint8  reason;
  guint8  returning;
  guint8  src_group;
  guint8  src_detail;
  guint8  src_route;
  guint8  incident;
  guint8  role;
  guint8  gender;
  guint8  age_band;
  guint8  ethnicity;
  guint8  disability;
  guint8  sexuality;
  guint8  religion;
  guint8  accommodation;
  guint8  employment;
  guint8  tbs;          /* 0..5, or NONE */
  guint8  tbs_missing;  /* 0 empty, 1 "Not recorded" */
  guint8  risk_class;
  guint8  issue_class;
  guint8  impact_class;
  guint32 risks;        /* bit sets over the item tables */
  guint32 issues;
  guint32 impacts;
  guint   n_services;
  Service services[MAX_SERVICES];
  guint8  area;         /* sample format only (pathways-generate-extras.c) */
} Case;

/* How far a case's journey goes, as it would run without the snapshot. */
typedef struct
{
  guint8   inc_table;   /* 0 police, 1 self, 2 other referrals */
  gboolean contacted;
  gboolean assessed;
  gboolean allocated;
  gboolean started;
  gboolean planned;
  gboolean therapy;
  gboolean advocacy;
  gboolean other_only;
  gint32   last;        /* the latest date of the journey so far */
} Journey;

/* Someone whose case closed and who will come back after ELIGIBLE. */
typedef struct
{
  gint32  eligible;
  gint32  birth;
  guint64 person;
  guint8  gender;
  guint8  ethnicity;
  guint8  sexuality;
  guint8  religion;
  guint8  disability;
  guint8  age_band;
} Returner;

/* Planted data-quality problems. */
enum {
  PLANT_CLOSURE_BEFORE_REFERRAL, PLANT_START_BEFORE_WAITLIST, PLANT_IMPOSSIBLE_CONTACT,
  PLANT_IMPOSSIBLE_SERVICE_END, PLANT_DUPLICATE_CASE, PLANT_ORPHAN_SERVICE,
  PLANT_FUTURE_CLOSURE, N_PLANT_KINDS
};

#define MAX_PLANTS 16

typedef struct
{
  guint    kind;
  guint64  at;      /* applied to the first eligible case at or after this index */
  gboolean done;
} Plant;

/* Per-case printing flags set by the plants. */
typedef struct
{
  gboolean impossible_contact;
  gint     impossible_end_service;   /* index, or -1 */
  gboolean future_closure;
  gboolean duplicate;
  gint32   duplicate_closure;
  guint8   duplicate_reason;
  guint    orphans;                  /* orphan service rows to write after this case */
  guint64  orphan_case[4];
  gint32   orphan_wl[4];
  gint32   orphan_start[4];
} Marks;

typedef enum { FORMAT_SAMPLE, FORMAT_DPMS } Format;

typedef struct
{
  Format    format;
  gboolean  quirky;       /* sample format with ';', UK dates and CRLF */
  guint64   n_cases;
  gint32    snapshot;
  gint32    first_day;
  guint     case_width;
  guint     person_width;
  guint     service_width;
  Rng       rng;
  Rng       plant_rng;
  Table     t_groups;
  Table     t_sources[N_SRC];
  Table     t_route;
  Table     t_incident[3];
  Table     t_gender, t_age, t_ethnicity, t_disability, t_sexuality, t_religion;
  Table     t_accommodation, t_employment;
  Table     t_therapy, t_advocacy, t_group, t_helpline, t_outreach;
  GArray   *heap;     /* Returner, a min-heap on eligible */
  guint64   next_person;
  guint64   next_service;
  guint64   linked_returns;
  guint64   unlinked_returns;
  Plant     plants[MAX_PLANTS];
  guint     n_plants;
  GString  *report;
  Out       cases_out;
  Out       services_out;
  /* the sample's area, outcomes and appointments (pathways-generate-extras.c) */
  Rng       extras_rng;
  Out       outcomes_out;
  Out       appointments_out;
  guint64   n_answers;
  guint64   n_appointments;
} Gen;

/* pathways-generate-tables.c */
void gen_init_tables (Gen *g);

/* pathways-generate-case.c */
/* Generates case C at REFERRAL: its people, needs and natural journey, then cuts
 * the journey at the snapshot. */
void gen_case (Gen     *g,
               Case    *c,
               guint64  index,
               gint32   referral);

/* pathways-generate-services.c */
/* The services of an allocated case J, their waits, lengths and closure reasons;
 * moves J->last to the latest service end. */
void gen_services            (Gen     *g,
                              Case    *c,
                              Journey *j);
/* Drops the closure reason of some closed services (they were never recorded). */
void gen_unrecorded_reasons  (Gen     *g,
                              Case    *c);

/* pathways-generate-plants.c */
/* Chooses where the planted problems go (the same handful whatever the size). */
void plants_place   (Gen         *g);
/* Applies the plants due at case C; M says how to print the case. */
void apply_plants   (Gen         *g,
                     Case        *c,
                     Marks       *m);
/* Adds a line about a planted problem of KIND in case C to the report. */
void report_case    (Gen         *g,
                     guint        kind,
                     const Case  *c,
                     const char  *detail);

/* pathways-generate-extras.c */
void        extras_init          (Gen        *g);
void        extras_pick_area     (Gen        *g,
                                  Case       *c);
const char *extras_area_name     (const Case *c);
void        extras_write_headers (Gen        *g);
/* The outcome answers and the appointments of case C, whose services were written
 * with the numbers FIRST_SERVICE, FIRST_SERVICE + 1 ... */
void        extras_write         (Gen        *g,
                                  const Case *c,
                                  guint64     first_service);

/* pathways-generate-writers.c */
void write_headers  (Gen         *g);
void write_sample   (Gen         *g,
                     const Case  *c,
                     const Marks *m);
void write_dpms     (Gen         *g,
                     const Case  *c,
                     const Marks *m);

G_END_DECLS
