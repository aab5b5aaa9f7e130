/**
 * The browser suite in every engine, one after another (each run has its own stand-in and backend; the test
 * files share that stand-in's faults, so engines never run at once). SF_BROWSERS=chromium,webkit narrows it.
 * Prints one line per engine (tests passed / failed / skipped, wall time) and fails if any engine failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINES, isEngine, type Engine } from './support/engines.js';
import type { EngineCounts } from './support/count-reporter.js';

const requested = (process.env.SF_BROWSERS ?? ENGINES.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
const unknown = requested.filter((name) => !isEngine(name));
if (unknown.length > 0) {
  console.error(`SF_BROWSERS: unknown engine ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
  process.exit(2);
}
const extraArgs = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'sf-browsers-'));

/**
 * A browser that deadlocks (WebKitGTK's media pipeline has, under load) can leave web-test-runner waiting on its
 * WebDriver forever: past this, the engine's run is stopped and counted as failed, so CI never hangs.
 */
const ENGINE_LIMIT_MIN = Number(process.env.SF_ENGINE_LIMIT_MIN ?? 15);

interface Outcome { engine: Engine; exitCode: number; seconds: number; counts?: EngineCounts; overran?: boolean }

function runEngine(engine: Engine): Promise<Outcome> {
  const resultsFile = join(dir, `${engine}.json`);
  const started = performance.now();
  console.log(`\n=== browser tests in ${engine} ===`);
  const child = spawn('npx', ['web-test-runner', '--config', 'test/web-test-runner.config.mjs', ...extraArgs], {
    stdio: 'inherit',
    env: { ...process.env, SF_BROWSER: engine, SF_RESULTS_FILE: resultsFile, NODE_OPTIONS: '--import=tsx' },
    detached: true, // its own process group, so the limit below stops npx, the runner and the browser together
  });
  const stopChild = () => signalGroup(child.pid, 'SIGTERM');
  process.once('exit', stopChild); // stopped from outside (Ctrl-C, CI's limit): the engine's run stops too
  let overran = false;
  const limit = setTimeout(() => {
    overran = true;
    console.error(`\n${engine}: no result after ${ENGINE_LIMIT_MIN} min; stopping it (counted as failed)`);
    signalGroup(child.pid, 'SIGTERM');
    setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000).unref();
  }, ENGINE_LIMIT_MIN * 60_000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      process.off('exit', stopChild);
      let counts: EngineCounts | undefined;
      try { counts = JSON.parse(readFileSync(resultsFile, 'utf8')) as EngineCounts; } catch { counts = undefined; }
      resolve({ engine, exitCode: overran ? 1 : code ?? (signal ? 1 : 0), seconds: (performance.now() - started) / 1000, counts, overran });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const outcomes: Outcome[] = [];
for (const engine of requested as Engine[]) outcomes.push(await runEngine(engine));
rmSync(dir, { recursive: true, force: true });

console.log('\nengine    passed  failed  skipped  time');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { engine, exitCode, seconds, counts, overran } of outcomes) {
  // A run that failed without a failing test (the browser never started, the reporter never wrote) counts once.
  const counted = (counts?.failed ?? 0) + (counts?.brokenFiles.length ?? 0) + (overran ? 1 : 0);
  const engineFailed = exitCode !== 0 && counted === 0 ? 1 : counted;
  passed += counts?.passed ?? 0;
  failed += engineFailed;
  skipped += counts?.skipped ?? 0;
  console.log(`${engine.padEnd(9)} ${String(counts?.passed ?? 0).padStart(6)}  ${String(engineFailed).padStart(6)}  ${String(counts?.skipped ?? 0).padStart(7)}  ${seconds.toFixed(0)} s`);
  for (const file of counts?.brokenFiles ?? []) console.log(`          broken: ${file}`);
  if (overran) console.log(`          stopped after ${ENGINE_LIMIT_MIN} min`);
}
console.log(`browsers: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
