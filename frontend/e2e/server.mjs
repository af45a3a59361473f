// Starts the real `tacit` binary on a free loopback port with a fresh SQLite file.
import { execFile, spawn } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const OUTPUT_LIMIT = 64 * 1024;

export async function freePort() {
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
 *
 * Options for other set-ups: `port` (else a free one), `databaseUrl` (else the
 * temporary SQLite file), `devAuth: false`, `config` (TOML text, written to
 * the temporary folder and passed with `--config`) and `env` (added to the
 * server's environment). `cli(args)` runs another `tacit` command against the
 * same database and resolves to its standard output.
 */
export async function startTacit({
  bin,
  dist,
  readyTimeoutMs = 60_000,
  keepData = false,
  port,
  databaseUrl,
  devAuth = true,
  config,
  env = {},
}) {
  await mustExist(bin, constants.X_OK, 'Build the server with `cargo build` or point TACIT_BIN at the binary.');
  await mustExist(
    join(dist, 'index.html'),
    constants.R_OK,
    'Build the web app first with `npm run build` (or set E2E_DIST).',
  );

  const dir = await mkdtemp(join(tmpdir(), 'tacit-e2e-'));
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const global = ['--database-url', databaseUrl ?? `sqlite://${dir}/e2e.db`];
  if (config !== undefined) {
    await writeFile(join(dir, 'tacit.toml'), config);
    global.push('--config', join(dir, 'tacit.toml'));
  }
  const args = [
    ...global,
    'serve',
    ...(devAuth ? ['--dev-auth'] : []),
    '--listen',
    `127.0.0.1:${port}`,
    '--static-dir',
    dist,
    '--demo-if-empty',
  ];
  const cli = async (more) =>
    (await promisify(execFile)(bin, [...global, ...more], { env: { ...process.env, ...env } })).stdout;

  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { RUST_LOG: 'info', ...process.env, ...env },
  });
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
    return new Error(
      `${why}\ncommand: ${bin} ${args.join(' ')}\n--- server output (last ${OUTPUT_LIMIT / 1024} KiB) ---\n${output || '(none)'}\n--- end ---`,
    );
  };

  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw await fail(`tacit exited before it was ready (code ${exited.code}, signal ${exited.signal}).`);
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return { baseUrl, dir, stop, cli, output: () => output };
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await sleep(200);
  }
  throw await fail(`tacit was not ready within ${readyTimeoutMs} ms (last /readyz: ${last}).`);
}
