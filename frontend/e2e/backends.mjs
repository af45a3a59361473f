// The databases a browser check can run on: a temporary SQLite file (what
// startTacit makes when given no database) and a uniquely named PostgreSQL
// database, created here and dropped afterwards.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** As the Rust suite: CI=true (or 1) turns every skip into a failure. */
export const CI = ['true', '1'].includes(process.env.CI ?? '');

/** The server's PostgreSQL for tests, as scripts/ensure-postgres.sh and tests/common read it. */
const ADMIN_URL = process.env.TACIT_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function psql(sql) {
  await run('psql', ['--no-psqlrc', '--quiet', '-v', 'ON_ERROR_STOP=1', '-d', ADMIN_URL, '-c', sql], {
    timeout: 30_000,
  });
}

export const sqlite = {
  name: 'SQLite',
  /** `databaseUrl` undefined: startTacit's own temporary file, removed with it. */
  async create() {
    return { databaseUrl: undefined, drop: async () => {} };
  },
};

export const postgres = {
  name: 'PostgreSQL',
  /**
   * A fresh database, or `null` (after a warning) when PostgreSQL cannot be
   * reached outside CI; with CI=true an unreachable server is an error.
   */
  async create() {
    const name = `tacit_e2e_${randomBytes(8).toString('hex')}`;
    try {
      await psql(`CREATE DATABASE ${name}`);
    } catch (e) {
      const why = `PostgreSQL at ${ADMIN_URL} refused CREATE DATABASE: ${(e.stderr || e.message).trim()}`;
      if (CI) throw new Error(`${why} (CI=true, so this fails; see scripts/ensure-postgres.sh)`);
      console.warn(`SKIPPED on PostgreSQL: ${why}; run scripts/ensure-postgres.sh, or set CI=true to make this fail`);
      return null;
    }
    const base = ADMIN_URL.replace(/\/[^/?]*(\?.*)?$/, '');
    return {
      databaseUrl: `${base}/${name}`,
      drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};
