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
