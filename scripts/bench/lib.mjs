// Shared helpers for the benchmarks: spawn a server, wait for it, measure RSS, drive HTTP load.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { Pool } from "undici";

export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/** Spawns `node script` and resolves when GET path answers 200: { child, ms, port }. */
export async function startAndTime(script, env, path = "/ready", args = []) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MOSAIC_LOG_LEVEL: "warn",
      ...env,
      MOSAIC_PORT: String(port),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      if (res.status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
    if (performance.now() - started > 60_000) throw new Error(`${script} did not start: ${stderr}`);
  }
  return { child, ms: performance.now() - started, port };
}

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in ms (from /proc; 10 ms resolution). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // After "pid (comm) ": state is field 0, utime 11, stime 12 (clock ticks of 10 ms).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** Keep-alive GET load for `seconds` with `concurrency` in-flight requests (and `headers`): requests per second answered `status`. */
/** Runs `one` (resolving true for an expected answer) from `concurrency` workers for `seconds`. */
async function drive({ seconds, concurrency }, one) {
  let done = 0;
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      if (await one()) done++;
      else errors++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rps: done / ((performance.now() - started) / 1000), errors, done };
}

export async function load(port, path, { seconds = 4, concurrency = 32, headers = {}, status = 200 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const one = () =>
    new Promise((resolve) => {
      const req = http.get({ host: "127.0.0.1", port, path, agent, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === status));
      });
      req.on("error", () => resolve(false));
    });
  const result = await drive({ seconds, concurrency }, one);
  agent.destroy();
  return result;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * The same load as `load`, driven by an undici Pool (one connection per request in flight,
 * pipelining 1): a cheaper client than node:http's, so less of the two shared cores goes to the
 * benchmark itself. For ratios against a baseline that has no HTTP client (a bare SQL loop).
 */
export async function loadUndici(port, path, { seconds = 4, concurrency = 32, headers = {}, status = 200 } = {}) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency, pipelining: 1 });
  const one = async () => {
    try {
      const res = await pool.request({ method: "GET", path, headers });
      await res.body.dump({ limit: 1 << 24 });
      return res.statusCode === status;
    } catch {
      return false;
    }
  };
  const result = await drive({ seconds, concurrency }, one);
  await pool.close();
  return result;
}
