// Preloaded into a gateway with `NODE_OPTIONS=--import=…/captureSql.mjs` by the task-list benchmark:
// appends every statement node-postgres sends (text and parameters, one JSON line each) to
// $MOSAIC_BENCH_SQL_LOG, so the benchmark's bare-SQL baseline runs exactly what the API ran.
// Only the capture run loads it; the measured gateway runs without it.
import { appendFileSync } from "node:fs";
import pg from "pg";

const file = process.env.MOSAIC_BENCH_SQL_LOG;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, values, callback) {
    const text = typeof config === "string" ? config : config?.text;
    const params = (typeof config === "object" && config?.values) || (Array.isArray(values) ? values : []);
    if (typeof text === "string") appendFileSync(file, `${JSON.stringify({ text, params })}\n`);
    return original.call(this, config, values, callback);
  };
}
