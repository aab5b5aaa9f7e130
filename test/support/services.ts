/**
 * Throwaway PostgreSQL 15 and Redis for the node tests, each on a free loopback port in its own
 * temp directory, and stopped (directory removed) by `stop()`. PostgreSQL's initdb refuses root,
 * so as root it runs as the `postgres` user (spawn's uid/gid, like `runuser -u postgres`, but the
 * child is postgres itself, so a signal reaches it and not a wrapper) in a temp dir that user owns,
 * its unix socket there too; fsync is off (a test database need not survive a power cut).
 * test/setup.sh installs both.
 *
 * Every service started here is also stopped when the test process exits, failed or not: a test
 * file never leaves a server running.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const STARTUP_MS = 30_000;

export interface Service {
  /** postgres://… or redis://… on 127.0.0.1 */
  url: string;
  port: number;
  /** The server process (tests kill it to show what happens when the store is down). */
  process: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<Service>();
process.once('exit', () => {
  for (const service of running) service.process.kill('SIGKILL');
});

/** A port the kernel just handed out on loopback (free at the time of asking). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves when `ready` matches the process output; rejects if it exits first or takes too long. */
function waitForOutput(child: ChildProcess, ready: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => finish(new Error(`${what} did not start within ${STARTUP_MS} ms:\n${out.slice(-2000)}`)), STARTUP_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`${what} exited (${code}) before it was ready:\n${out.slice(-2000)}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopper(child: ChildProcess, dir: string, signal: NodeJS.Signals): () => Promise<void> {
  let stopping: Promise<void> | null = null;
  return () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill(signal);
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    })());
}

/** PostgreSQL 15 with a database `sauceflex`, reachable as postgres://postgres@127.0.0.1:PORT/sauceflex. */
export async function startPostgres(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-pg-'));
  let user: { uid: number; gid: number } | Record<string, never> = {};
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    user = { uid: id('-u'), gid: id('-g') };
    chownSync(dir, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  const options = { ...user, cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } };
  const data = join(dir, 'data');
  const init = spawnSync(`${PG_BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], { ...options, encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr}`);
  }
  const port = await freePort();
  // prettier-ignore
  const child = spawn(`${PG_BIN}/postgres`, [
    '-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const service: Service = { url: `postgres://postgres@127.0.0.1:${port}/sauceflex`, port, process: child, stop: stopper(child, dir, 'SIGINT') };
  running.add(service);
  const stop = service.stop;
  service.stop = async () => {
    await stop();
    running.delete(service);
  };
  try {
    await waitForOutput(child, /database system is ready to accept connections/, 'postgres');
    const made = spawnSync(`${PG_BIN}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'sauceflex'], { ...options, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`CREATE DATABASE failed: ${made.stderr}`);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

/** Redis without persistence, reachable as redis://127.0.0.1:PORT. */
export async function startRedis(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: Service = { url: `redis://127.0.0.1:${port}`, port, process: child, stop: stopper(child, dir, 'SIGTERM') };
  running.add(service);
  const stop = service.stop;
  service.stop = async () => {
    await stop();
    running.delete(service);
  };
  try {
    await waitForOutput(child, /Ready to accept connections/, 'redis-server');
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
