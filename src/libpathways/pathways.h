/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Pathways core library: no GTK in here. */
#pragma once

#include "pathways-field.h"
#include "pathways-row-reader.h"
#include "pathways-csv-reader.h"
#include "pathways-xlsx-reader.h"
#include "pathways-mapping.h"
#include "pathways-dataset.h"
#include "pathways-import.h"
#include "pathways-workspace.h"
#include "pathways-sha256.h"
#include "pathways-sample.h"
#include "pathways-filter.h"
#include "pathways-measures.h"
#include "pathways-report.h"
#include "pathways-disclosure.h"
#include "pathways-summary.h"
#include "pathways-chart.h"
#include "pathways-chart-layout.h"
