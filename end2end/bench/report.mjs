// The last step of scripts/bench: gathers every section's figures into one
// JSON file, keeps the run before it as previous.json, and prints one table
// with the change against that previous run.
//
// Usage: node bench/report.mjs --dir RESULTS_DIR [--quick] [--only LIST]
//          [--browser FILE] [--grid-log FILE] [--criterion-log FILE]
//          [--server-json FILE] [--failed SECTION=why ...]
//          [--compare FILE]   compare with FILE instead of the previous run
// Sections come from the browser JSON (run.mjs) and from the logs of
// scripts/bench-grid, `cargo bench` (Criterion) and scripts/bench-server.
// Exit code 1 when a requested section has no figures (a broken
// measurement); a slow figure never fails.
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { figure, root } from "./lib.mjs";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const options = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const dir = option("--dir");
if (!dir) {
  console.error("usage: node bench/report.mjs --dir RESULTS_DIR [...]");
  process.exit(2);
}
const read = (file) => (file && existsSync(file) ? readFileSync(file, "utf8") : null);

/** Criterion's "time: [low estimate high]" → the estimate in µs. */
function criterionMicros(log, benchName) {
  const start = log.indexOf(benchName);
  if (start < 0) return null;
  const match = log.slice(start).match(/time:\s*\[\s*\S+ \S+\s+(\S+) (ns|µs|us|ms|s)\s+\S+ \S+\s*\]/);
  if (!match) return null;
  const scale = { ns: 1e-3, µs: 1, us: 1, ms: 1e3, s: 1e6 }[match[2]];
  return Number(match[1]) * scale;
}

const sections = {};
const browser = read(option("--browser"));
if (browser) Object.assign(sections, JSON.parse(browser).sections);

/** Runs a section's parser; a parser that throws marks it not measured. */
function parse(name, fn) {
  try {
    fn();
  } catch (error) {
    sections[name] = { error: `its output could not be read: ${error?.message ?? error}` };
  }
}

const criterionLog = read(option("--criterion-log"));
if (criterionLog !== null) parse("native", () => {
  const native = criterionMicros(criterionLog, "attenuate (parse, verify, append, serialize)");
  if (native === null) {
    sections.native = { error: "no Criterion figure for attenuate in the cargo bench output" };
  } else {
    sections.native = {
      figures: [figure("attenuation.native", "token core, native (Criterion estimate)", native, "µs", { goal: "Hook0 reference: 117 µs" })],
    };
    const core = sections.attenuation?.figures?.find((f) => f.id === "attenuation.browser.core");
    if (core) {
      sections.native.figures.push(
        figure("attenuation.browser_over_native", "token core in Chromium / native", core.value / native, "×", { goal: "≤ 2×" }),
      );
    }
  }
});

const gridLog = read(option("--grid-log"));
if (gridLog !== null) parse("grid", () => {
  const chromium = gridLog.match(/BENCH grid: (\d+) actions x (\d+) applications in Chromium: median ([\d.]+) ms/);
  const native = criterionMicros(gridLog, "grid: every action x 20 applications");
  if (!chromium || native === null) {
    sections.grid = { error: `scripts/bench-grid printed no ${chromium ? "native" : "Chromium"} figure` };
  } else {
    sections.grid = {
      figures: [
        figure("grid.chromium", `${chromium[1]} actions × ${chromium[2]} applications in Chromium (median)`, Number(chromium[3]), "ms", { goal: "≤ 50 ms" }),
        figure("grid.native", `${chromium[1]} actions × ${chromium[2]} applications natively (Criterion)`, native / 1000, "ms"),
      ],
    };
  }
});

// scripts/bench-server: one JSON line per scenario and connection count
// (BENCH_JSON; its header documents the fields).
const serverJson = read(option("--server-json"));
if (serverJson !== null) parse("server", () => {
  const rows = [];
  for (const line of serverJson.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const r = JSON.parse(line);
    rows.push({
      label: r.request,
      connections: r.connections,
      rps: r.rps,
      p50: r.p50_ms,
      p99: r.p99_ms,
      detail: {
        runs: r.runs,
        duration: r.duration,
        warmup: r.warmup,
        rps_runs: r.rps_runs,
        non_2xx: r.non_2xx,
        socket_errors: r.socket_errors,
        load_before: r.load_before,
        load_after: r.load_after,
      },
    });
  }
  if (rows.length === 0) {
    sections.server = { error: "scripts/bench-server wrote no JSON line" };
  } else {
    const goals = (label, c) => {
      if (c !== 32) return {};
      if (/GET \/api\/v1\/service_token \(attenuated/.test(label)) return { rps: "≥ 5,500 [Hook0: 2,716]", p99: "≤ 15 ms [Hook0: 16 ms]" };
      if (/POST \/api\/v1\/event/.test(label)) return { rps: "≥ 2,200 [Hook0: 1,113]", p99: "≤ 30 ms [Hook0: 37 ms]" };
      return {};
    };
    const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
    sections.server = {
      figures: rows.flatMap((r) => {
        const id = `server.${slug(r.label)}.c${r.connections}`;
        const g = goals(r.label, r.connections);
        return [
          figure(`${id}.rps`, `${r.label}, ${r.connections} conn: req/s`, r.rps, "req/s", { better: "higher", goal: g.rps, detail: r.detail }),
          figure(`${id}.p50`, `${r.label}, ${r.connections} conn: p50`, r.p50, "ms"),
          figure(`${id}.p99`, `${r.label}, ${r.connections} conn: p99`, r.p99, "ms", { goal: g.p99 }),
          // Answers that were not 2xx (e.g. 503 when the server sheds load)
          // and socket errors, over the measured runs: part of the result.
          figure(`${id}.errors`, `${r.label}, ${r.connections} conn: non-2xx + socket errors`, r.detail.non_2xx + r.detail.socket_errors, "errors"),
        ];
      }),
    };
  }
});

// A requested section nothing was given for is not measured either.
for (const name of (option("--only") ?? "").split(",").filter(Boolean)) {
  sections[name] ??= { error: "no result was given for it" };
}
for (const failure of options("--failed")) {
  const [name, ...why] = failure.split("=");
  sections[name] = { error: why.join("=") || "failed" };
}

const git = (...a) => {
  try {
    return execFileSync("git", a, { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
};
const result = {
  date: new Date().toISOString(),
  commit: git("rev-parse", "--short", "HEAD"),
  dirty: (git("status", "--porcelain", "--untracked-files=no") ?? "") !== "",
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown" },
  quick: args.includes("--quick"),
  only: option("--only") ?? "all",
  sections,
};

const latest = join(dir, "latest.json");
const previousFile = join(dir, "previous.json");
let previous = null;
if (existsSync(latest)) {
  renameSync(latest, previousFile);
}
if (existsSync(previousFile)) previous = JSON.parse(readFileSync(previousFile, "utf8"));
// A subset run (--only) carries the other sections over from the run before,
// marked with the date they were measured, so latest.json stays complete and
// the next full run still compares every figure.
const stored = { ...result, sections: { ...sections } };
for (const [name, section] of Object.entries(previous?.sections ?? {})) {
  if (!(name in stored.sections) && section.figures) {
    stored.sections[name] = { ...section, measured: section.measured ?? previous.date };
  }
}
writeFileSync(latest, JSON.stringify(stored, null, 2) + "\n");

// The figures to compare with: the previous run's, or a chosen file's
// (--compare, e.g. a committed baseline), by id.
const compareFile = option("--compare");
const reference = compareFile ? JSON.parse(readFileSync(compareFile, "utf8")) : previous;
const before = new Map();
for (const s of Object.values(reference?.sections ?? {})) for (const f of s.figures ?? []) before.set(f.id, f);

const number = (v, unit) => {
  const digits = unit === "×" ? 2 : unit === "errors" || Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
const lines = [];
const row = (cells, widths) => lines.push(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
const table = [["figure", "value", "unit", "previous", "change", "goal"]];
const errors = [];
for (const [name, section] of Object.entries(sections)) {
  if (section.error) {
    errors.push(`${name}: ${section.error}`);
    table.push([`[${name}] NOT MEASURED`, "—", "", "", "", ""]);
    continue;
  }
  table.push([`[${name}]`, "", "", "", "", ""]);
  for (const f of section.figures) {
    const old = before.get(f.id);
    let change = "";
    if (old && old.unit === f.unit && old.value !== 0) {
      const pct = ((f.value - old.value) / Math.abs(old.value)) * 100;
      const better = f.better === "higher" ? pct > 0 : pct < 0;
      change = `${pct >= 0 ? "+" : ""}${pct.toFixed(1)}%${Math.abs(pct) >= 5 ? (better ? " better" : " worse") : ""}`;
    }
    table.push([`  ${f.label}`, number(f.value, f.unit), f.unit, old ? number(old.value, old.unit) : "", change, f.goal ?? ""]);
  }
}
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
widths[5] = 0;
for (const r of table) row(r, widths);
console.log(lines.join("\n").replace(/ +$/gm, ""));
const files = sections.size?.details?.files;
if (files) {
  const kib = (n) => (n / 1024).toFixed(1);
  console.log("\nFiles to the token page (KiB: raw / gzip -9 / brotli 11 / as served):");
  for (const f of files) {
    console.log(`  ${kib(f.raw).padStart(8)} ${kib(f.gzip).padStart(7)} ${kib(f.brotli).padStart(7)} ${kib(f.served).padStart(7)}  ${f.path}`);
  }
}
console.log(
  `\n${result.machine.cpus} CPU(s), commit ${result.commit}${result.dirty ? " (uncommitted changes)" : ""}${result.quick ? ", quick mode" : ""}` +
    (reference
      ? `; compared with ${compareFile ? `${compareFile}, ` : ""}the run of ${reference.date}`
      : "; no previous run to compare with"),
);
console.log(`Results: ${latest}${previous ? ` (the run before: ${previousFile})` : ""}`);
if (errors.length) {
  console.log(`\nNot measured (broken measurement, not a slow number):\n  ${errors.join("\n  ")}`);
  process.exit(1);
}
