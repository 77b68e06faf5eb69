// SPDX-License-Identifier: GPL-3.0-or-later
// Anchor for build-aux/bench-anchors: Polars (nodejs-polars) reads the quirky case and
// service files (';', UK dates, every column as text) and counts the journey funnel.
// Usage: node polars-funnel.mjs CASES SERVICES
import pl from "nodejs-polars";

const [casesPath, servicesPath] = process.argv.slice(2);
const read = (path) => pl.readCSV(path, { sep: ";", inferSchemaLength: 0 });
const ukDate = (name) => pl.col(name).str.strptime(pl.Date, "%d/%m/%Y");

const cases = read(casesPath).withColumns(
  ukDate("referral_date"), ukDate("first_contact_date"),
  ukDate("assessment_date"), ukDate("closure_date"));
const services = read(servicesPath).withColumns(
  ukDate("service_referral_date"), ukDate("service_start_date"), ukDate("service_end_date"));

const started = services.filter(pl.col("service_start_date").isNotNull())
  .select("case_id").unique();
const count = (column) => cases.filter(pl.col(column).isNotNull()).height;

console.log(JSON.stringify({
  referred: cases.height,
  contacted: count("first_contact_date"),
  assessed: count("assessment_date"),
  supported: cases.join(started, { on: "case_id", how: "semi" }).height,
  closed: count("closure_date"),
}));
