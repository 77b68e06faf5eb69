/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pathways-profile.h: the profile of the people served (spec/metrics.md "Profile of the
 * people served (equality monitoring)") and the ethnicity roll-up.
 *
 * For every profiled case field that is mapped (gender, age band, ethnicity, ethnic
 * group, disability, sexuality, religion, accommodation, employment, area, client role
 * and the user fields): the selected cases per value, with the base (selected cases)
 * and the cases whose value is recorded. Planned-closure rates and the funnel by any
 * of these fields are the measures' split (PathwaysMeasuresOptions.split_field).
 */
#pragma once

#include <glib.h>

#include "pathways-dataset.h"
#include "pathways-filter.h"

G_BEGIN_DECLS

/* The ONS five groups, in the order of the census tables. */
#define PATHWAYS_ETHNICITY_GROUP_ASIAN "Asian"
#define PATHWAYS_ETHNICITY_GROUP_BLACK "Black"
#define PATHWAYS_ETHNICITY_GROUP_MIXED "Mixed"
#define PATHWAYS_ETHNICITY_GROUP_WHITE "White"
#define PATHWAYS_ETHNICITY_GROUP_OTHER "Other ethnic group"
/* the complement of White among the recorded, where the user asks for it */
#define PATHWAYS_ETHNICITY_GROUP_BAME  "Black, Asian and minority ethnic"

/* The ONS group of a canonical ethnicity value ("White British", "Asian or Asian
 * British: Indian", "Any other mixed background" ...) by the words it holds; NULL for
 * NULL or the canonical missing value. A value that names no group is "Other ethnic
 * group". */
const char *pathways_ethnicity_group_of (const char *ethnicity);

/* Adds the ethnicity_group column derived from ethnicity when ethnicity is mapped and
 * ethnicity_group is not: the mapping's grouping of ethnicity_group (source value: the
 * ethnicity value) first, else pathways_ethnicity_group_of (). Nothing otherwise. */
void        pathways_profile_derive_ethnicity_group (PathwaysDataset *dataset);

/* The label of FIELD as people see it: a user field is named by its source column
 * ("Team"), every other field by its canonical label. */
const char *pathways_profile_field_label (PathwaysDataset *dataset,
                                          PathwaysField    field);

/* TRUE for the fields the profile lists (when mapped). */
gboolean    pathways_profile_field_is_profiled (PathwaysField field);

typedef struct {
  const char *value;     /* canonical value, owned by the dataset's dictionary */
  guint16     code;
  guint       count;     /* selected cases */
} PathwaysProfileRow;

typedef struct {
  PathwaysField field;
  guint         base;      /* selected cases */
  guint         recorded;  /* of them, with a recorded value */
  GArray       *rows;      /* PathwaysProfileRow: values with cases, the most frequent
                            * first (age bands in band order), Not recorded last */
} PathwaysProfile;

void        pathways_profile_free (PathwaysProfile *profile);

/* The profile of every profiled field of DATASET that is mapped, in the field order;
 * an array of PathwaysProfile*, freed with it. */
GPtrArray  *pathways_profile_compute (PathwaysDataset         *dataset,
                                      const PathwaysSelection *selection);
/* The profile of one category case field, or NULL when it is not mapped. */
PathwaysProfile *pathways_profile_compute_field (PathwaysDataset         *dataset,
                                                 const PathwaysSelection *selection,
                                                 PathwaysField            field);
/* Percent of the cohort and of the recorded for ROW (NAN with a base of 0; the
 * recorded percent of Not recorded is NAN). */
double      pathways_profile_row_pct          (const PathwaysProfile    *profile,
                                               const PathwaysProfileRow *row);
double      pathways_profile_row_pct_recorded (const PathwaysProfile    *profile,
                                               const PathwaysProfileRow *row);

/* "Black, Asian and minority ethnic" where the user asks for it: of PROFILE (the
 * ethnicity_group profile), the recorded cases whose group is not White. FALSE (and
 * nothing set) for another field's profile. */
gboolean    pathways_profile_ethnicity_complement (const PathwaysProfile *profile,
                                                   guint                 *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PathwaysProfile, pathways_profile_free)

G_END_DECLS
