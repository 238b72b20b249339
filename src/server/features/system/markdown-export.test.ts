/**
 * The Markdown exports (format=md) keep their tables whole when a name holds `|` or a line break:
 * a district renamed so, and a campaign titled so, through the HTTP routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client;
const NAME = '卧龙区|伪造列\n| 伪造行 | 1 |';

/** The cells of a GFM table row: split at pipes not escaped by a backslash. */
const cellsOf = (line: string) => line.replace(/\\./g, 'x').split('|').slice(1, -1);

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  const units = (await city.get('/api/org/units')).json().units as { id: number; name: string; version: number }[];
  const wolong = units.find((u) => u.name === '卧龙区')!;
  const renamed = await city.send('PATCH', `/api/org/units/${wolong.id}`, { name: NAME, version: wolong.version });
  expect(renamed.statusCode, renamed.body).toBe(200);
  expect(renamed.json().name).toBe(NAME);
});
afterAll(() => t.close());

describe('Markdown report exports', () => {
  it('keep every table row at the header’s column count, the hostile name inside one cell', async () => {
    const campaigns = (await city.get('/api/campaigns')).json().campaigns as { id: number }[];
    expect(campaigns.length).toBeGreaterThan(0);
    const urls = ['/api/tips/summary/export?format=md&asOf=2024-01-12', '/api/survey/report/export?format=md&asOf=2024-01-12', `/api/campaigns/${campaigns[0]!.id}/progress/export?format=md`];
    for (const url of urls) {
      const res = await city.get(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/markdown');
      const table = res.body.split('\n').filter((l) => l.startsWith('|'));
      const width = cellsOf(table[0]!).length;
      expect(table.length, url).toBeGreaterThan(3);
      for (const line of table) expect(cellsOf(line), `${url}: ${line}`).toHaveLength(width);
      expect(res.body, url).toContain('卧龙区\\|伪造列<br>\\| 伪造行 \\| 1 \\|');
    }
  });
});
