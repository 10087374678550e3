// bench/duckdb.mjs — the DuckDB side of the benchmark, driven by bench/run.
//
// Opens an in-memory DuckDB with SET threads=2 — a compressed in-memory database
// (ATTACH ':memory:' (COMPRESS)), so 10M-row tables take about a quarter of the
// memory and both engines fit in RAM at once; --plain keeps DuckDB's default
// uncompressed in-memory tables instead — loads the NDJSON tables with
// bench/duckdb/load.sql and prints one line: "load <seconds> <peak_rss_kib>"
// (peak RSS is this process's VmHWM, so it includes node's own ~50 MiB).
// Then it serves bench/run over stdin/stdout, one request per line, so the
// tables stay loaded while bench/run alternates between the engines:
//   run FILE.sql  ->  "ok <milliseconds> <rows>"  or  "err <message>"
//   quit
// The time covers running the query and reading every result row into memory.
// With --print FILE.sql it runs one query, prints the rows as TSV and exits.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = opt('--data', 'bench/data/1000000');
const threads = opt('--threads', '2');
const here = new URL('.', import.meta.url).pathname;

function peakRssKiB() {
  const m = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/);
  return m ? Number(m[1]) : 0;
}

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`SET threads = ${Number(threads)}`);
const plain = args.includes('--plain');
if (!plain) {
  await con.run("ATTACH ':memory:' AS bench (COMPRESS)");
  await con.run('USE bench');
}

const t0 = performance.now();
const load = readFileSync(here + 'duckdb/load.sql', 'utf8').replaceAll('${DATA}', dataDir);
for (const stmt of load.split(/;\s*\n/)) {
  const body = stmt.replace(/^\s*--.*$/gm, '').trim();
  if (!body) continue;
  await con.run(body);
  // Compress the new table now: until a checkpoint, a compressed in-memory
  // database holds it uncompressed (at 10M rows all three tables stay ~17 GB).
  if (!plain) await con.run('CHECKPOINT bench');
}
const loadSec = (performance.now() - t0) / 1000;

const printFile = opt('--print', null);
if (printFile) {
  const reader = await con.runAndReadAll(readFileSync(printFile, 'utf8'));
  console.log(reader.columnNames().join('\t'));
  for (const row of reader.getRowsJS())
    console.log(row.map((v) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join('\t'));
  process.exit(0);
}

console.log(`load ${loadSec.toFixed(3)} ${peakRssKiB()}`);
const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  const [cmd, file] = line.trim().split(/\s+/, 2);
  if (cmd === 'quit') break;
  if (cmd !== 'run') {
    console.log(`err unknown request: ${cmd}`);
    continue;
  }
  try {
    const sql = readFileSync(file, 'utf8');
    const t = performance.now();
    const reader = await con.runAndReadAll(sql);
    const ms = performance.now() - t;
    console.log(`ok ${ms.toFixed(2)} ${reader.currentRowCount}`);
  } catch (e) {
    console.log(`err ${String(e.message || e).replace(/\s+/g, ' ')}`);
  }
}
process.exit(0);
