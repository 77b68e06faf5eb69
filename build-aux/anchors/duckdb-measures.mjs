// SPDX-License-Identifier: GPL-3.0-or-later
// Anchor for build-aux/bench-anchors: DuckDB (@duckdb/node-api) reads the quirky case
// and service files (';', UK dates) into tables, then counts the journey funnel, the
// closure reasons and the median waits.
// Usage: node duckdb-measures.mjs CASES SERVICES
import { DuckDBInstance } from "@duckdb/node-api";

const [casesPath, servicesPath] = process.argv.slice(2);
const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
const read = (path) => `read_csv('${path}', delim = ';', header = true, all_varchar = true)`;
const uk = (name) => `try_strptime(${name}, '%d/%m/%Y')::DATE AS ${name}`;

await con.run(`CREATE TABLE cases AS SELECT * REPLACE (
  ${uk("referral_date")}, ${uk("first_contact_date")},
  ${uk("assessment_date")}, ${uk("closure_date")}) FROM ${read(casesPath)}`);
await con.run(`CREATE TABLE services AS SELECT * REPLACE (
  ${uk("service_referral_date")}, ${uk("service_start_date")},
  ${uk("service_end_date")}) FROM ${read(servicesPath)}`);

const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
console.log(JSON.stringify({
  funnel: await rows(`SELECT count(*) AS referred,
      count(first_contact_date) AS contacted, count(assessment_date) AS assessed,
      count(*) FILTER (WHERE case_id IN
        (SELECT case_id FROM services WHERE service_start_date IS NOT NULL)) AS supported,
      count(closure_date) AS closed FROM cases`),
  closures: await rows(`SELECT closure_reason, count(*) AS n FROM cases
      WHERE closure_date IS NOT NULL GROUP BY ALL ORDER BY n DESC`),
  waits: await rows(`SELECT
      (SELECT median(first_contact_date - referral_date) FROM cases) AS to_contact,
      (SELECT median(service_start_date - service_referral_date) FROM services)
        AS to_service`),
}));
