import crypto from 'node:crypto';
import pg from 'pg';

/** One statement on the PostgreSQL server as its administrator (create/drop test databases). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The first column of a query's rows, as the administrator. */
export async function adminRows(url: string, sql: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows.map((r: Record<string, unknown>) => String(Object.values(r)[0]));
  } finally {
    await c.end();
  }
}

export function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A test database of this run: named after the run's template (`wellseal_tmpl_<pid>` →
 * `wellseal_t_<pid>_<random>`), so a run's teardown drops its own databases and never another
 * run's on the same server.
 */
export function testDbName(template: string): string {
  return `${template.replace(/^wellseal_tmpl_/, 'wellseal_t_')}_${crypto.randomBytes(5).toString('hex')}`;
}

/** The LIKE pattern of a run's test databases (`_` escaped: it is a wildcard in LIKE). */
export function testDbPattern(template: string): string {
  return `${template.replace(/^wellseal_tmpl_/, 'wellseal_t_').replace(/_/g, '\\_')}\\_%`;
}
