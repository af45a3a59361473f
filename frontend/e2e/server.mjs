// Starts the real `tacit` binary on a free loopback port with a fresh SQLite file.
import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OUTPUT_LIMIT = 64 * 1024;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function mustExist(path, mode, hint) {
  try {
    await access(path, mode);
  } catch {
    throw new Error(`${path} is missing. ${hint}`);
  }
}

/**
 * Runs `tacit --database-url sqlite://<tmp>/e2e.db serve --dev-auth --listen 127.0.0.1:<port>
 * --static-dir <dist> --demo-if-empty` and resolves once GET /readyz answers 200.
 * `--dev-auth` turns on development sign-in (POST /auth/dev), which the checks sign in with.
 */
export async function startTacit({ bin, dist, readyTimeoutMs = 60_000, keepData = false }) {
  await mustExist(bin, constants.X_OK, 'Build the server with `cargo build` or point TACIT_BIN at the binary.');
  await mustExist(join(dist, 'index.html'), constants.R_OK, 'Build the web app first with `npm run build` (or set E2E_DIST).');

  const dir = await mkdtemp(join(tmpdir(), 'tacit-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ['--database-url', `sqlite://${dir}/e2e.db`, 'serve', '--dev-auth', '--listen', `127.0.0.1:${port}`, '--static-dir', dist, '--demo-if-empty'];

  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { RUST_LOG: 'info', ...process.env } });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  child.on('error', (e) => keep(`\n[spawn error] ${e.message}\n`));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const done = await Promise.race([exit, sleep(5_000, 'timeout')]);
      if (done === 'timeout') {
        child.kill('SIGKILL');
        await exit;
      }
    }
    if (!keepData) await rm(dir, { recursive: true, force: true });
  };
  const fail = async (why) => {
    await stop();
    return new Error(`${why}\ncommand: ${bin} ${args.join(' ')}\n--- server output (last ${OUTPUT_LIMIT / 1024} KiB) ---\n${output || '(none)'}\n--- end ---`);
  };

  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw await fail(`tacit exited before it was ready (code ${exited.code}, signal ${exited.signal}).`);
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { baseUrl, dir, stop, output: () => output };
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(200);
  }
  throw await fail(`tacit was not ready within ${readyTimeoutMs} ms (last /readyz: ${last}).`);
}
