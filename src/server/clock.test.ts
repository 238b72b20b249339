import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { officeDayOf } from '../domain/shared/dates.js';
import { readConfig } from './config.js';
import { clientClockProblem, formatOfficeMoment, officeNow, officeToday, setClock } from './clock.js';
import { demoApp, type TestApp } from '../test-support/app.js';

afterEach(() => setClock({ timeZone: 'Asia/Shanghai', startAt: undefined }));

describe('the office day', () => {
  it('is Beijing’s day when UTC is still on the day before', () => {
    expect(officeDayOf(new Date('2024-06-22T17:30:00Z'))).toBe('2024-06-23');
    expect(officeDayOf(new Date('2024-06-22T15:59:59Z'))).toBe('2024-06-22');
    expect(officeDayOf(new Date('2024-06-22T16:00:00Z'))).toBe('2024-06-23');
    expect(officeDayOf(new Date('2024-06-23T04:00:00Z'))).toBe('2024-06-23');
  });

  it('follows the configured zone', () => {
    expect(officeDayOf(new Date('2024-06-22T17:30:00Z'), 'UTC')).toBe('2024-06-22');
    expect(officeDayOf(new Date('2024-06-22T17:30:00Z'), 'Asia/Urumqi')).toBe('2024-06-22'); // UTC+6: 23:30
  });

  it('WELLSEAL_NOW starts the office clock at that moment and lets it run', () => {
    const config = readConfig({ WELLSEAL_NOW: '2024-06-22T17:30:00Z' });
    setClock(config);
    expect(officeToday()).toBe('2024-06-23');
    expect(Math.abs(officeNow().getTime() - Date.parse('2024-06-22T17:30:00Z'))).toBeLessThan(5_000);
    setClock(readConfig({ WELLSEAL_NOW: '2024-06-22T17:30:00Z', WELLSEAL_TIME_ZONE: 'UTC' }));
    expect(officeToday()).toBe('2024-06-22');
  });

  it('refuses a bad zone or a moment without its offset at start, in Chinese', () => {
    expect(() => readConfig({ WELLSEAL_TIME_ZONE: 'Beijing' })).toThrow(/WELLSEAL_TIME_ZONE 必须是时区名称/);
    expect(() => readConfig({ WELLSEAL_NOW: '2024-06-22 17:30' })).toThrow(/WELLSEAL_NOW 必须是带时区的时刻/);
    expect(() => readConfig({ WELLSEAL_NOW: '2024-02-30T10:00:00Z' })).toThrow(/WELLSEAL_NOW/);
  });

  it('names a moment as the office reads it', () => {
    expect(formatOfficeMoment(new Date('2024-06-22T17:30:00Z'))).toBe('2024年6月23日 01:30');
  });
});

describe('a client clock that is off', () => {
  const now = new Date('2024-06-22T17:30:00Z');
  it('within five minutes is fine; no header is fine', () => {
    expect(clientClockProblem(undefined, now)).toBeNull();
    expect(clientClockProblem('not a time', now)).toBeNull();
    expect(clientClockProblem('2024-06-22T17:34:00Z', now)).toBeNull();
    expect(clientClockProblem('2024-06-22T17:26:00Z', now)).toBeNull();
  });
  it('beyond that, both times are named', () => {
    expect(clientClockProblem('2024-06-22T09:30:00Z', now)).toBe(
      '本设备的时间（2024年6月22日 17:30）与服务器时间（2024年6月23日 01:30）相差约 8 小时，慢了。为免记录日期出错，请先校准设备的日期、时间和时区，再重新提交（未提交的内容不会丢失）',
    );
    expect(clientClockProblem('2024-06-22T17:40:00Z', now)).toMatch(/相差约 10 分钟，快了/);
  });
});

describe('the server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoApp();
  });
  afterAll(() => t.close());

  it('sends the office zone and clock with the session', async () => {
    const city = await t.login('city');
    const me = (await city.get('/api/auth/me')).json();
    expect(me.office.timeZone).toBe('Asia/Shanghai');
    expect(Math.abs(Date.parse(me.office.now) - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a write from a device hours off, before any rule sees its dates, and applies nothing', async () => {
    const city = await t.login('city');
    const before = (await city.get('/api/tips?pageSize=1')).json().total;
    const body = { channel: 'hotline', receivedAt: new Date().toISOString(), content: '时钟偏差测试线索', address: '' };
    const off = await city.send('POST', '/api/tips', body, { 'x-client-time': new Date(Date.now() - 8 * 3_600_000).toISOString() });
    expect(off.statusCode).toBe(400);
    expect(off.json().error).toBe('clock_skew');
    expect(off.json().message).toMatch(/^本设备的时间（.+）与服务器时间（.+）相差约 8 小时，慢了/);
    expect((await city.get('/api/tips?pageSize=1')).json().total).toBe(before);
    const right = await city.send('POST', '/api/tips', body, { 'x-client-time': new Date().toISOString() });
    expect(right.statusCode).toBe(200);
  });
});
