import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DASHBOARD_CACHE_SECONDS } from './features/dashboard/dashboard.cache.js';
import { DEFAULT_OFFICE_TIME_ZONE, isTimeZone, parseDay } from '../domain/shared/dates.js';

/** The only reader of process.env. Exits with a clear message on bad settings. */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  WELLSEAL_DATA: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头 / must start with postgres://')
    .optional(),
  WELLSEAL_FILES: z.string().optional(),
  WELLSEAL_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  WELLSEAL_SESSION_HOURS: z.coerce.number().positive().default(12),
  WELLSEAL_PUBLIC_TIPS_PER_10_MINUTES: z.coerce.number().int().positive().default(5),
  WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  WELLSEAL_DASHBOARD_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(DASHBOARD_CACHE_SECONDS),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  WELLSEAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  WELLSEAL_TILE_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+$/, 'WELLSEAL_TILE_URL 必须是 http:// 或 https:// 开头的瓦片地址 / must be an http(s) tile URL')
    .refine((u) => u.includes('{x}') && u.includes('{y}') && u.includes('{z}'), 'WELLSEAL_TILE_URL 必须包含 {x}、{y}、{z} 占位符 / must contain {x}, {y} and {z}')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WELLSEAL_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
    .refine(
      (list) => list.every((p) => { const [ip, bits, ...rest] = p.split('/'); const v = net.isIP(ip ?? ''); return v > 0 && rest.length === 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128))); }),
      'WELLSEAL_TRUSTED_PROXIES 必须是逗号分隔的 IP 地址或网段，如 127.0.0.1,10.0.0.0/8 / must be comma-separated IP addresses or CIDR ranges',
    ),
  WELLSEAL_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, 'WELLSEAL_TIME_ZONE 必须是时区名称，如 Asia/Shanghai / must be a time zone name such as Asia/Shanghai')
    .default(DEFAULT_OFFICE_TIME_ZONE),
  WELLSEAL_NOW: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .trim()
      .refine(
        (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && parseDay(v.slice(0, 10)) === v.slice(0, 10) && !Number.isNaN(Date.parse(v)),
        'WELLSEAL_NOW 必须是带时区的时刻，如 2024-06-22T17:30:00Z / must be an ISO instant with its offset',
      )
      .transform((v) => new Date(v))
      .optional(),
  ),
  WELLSEAL_TILE_CRS: z.enum(['wgs84', 'gcj02'], { error: 'WELLSEAL_TILE_CRS 只能是 wgs84（天地图、OSM）或 gcj02（高德、腾讯）/ must be wgs84 or gcj02' }).default('wgs84'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** photos and scans: a folder on disk (default: files/ inside the data folder) */
  filesDir: string;
  databaseUrl: string | undefined;
  secureCookies: boolean;
  sessionHours: number;
  loginAttemptsPerMinute: number;
  /** how long a computed 指挥看板 is reused for the same scope, date and unit (0: only concurrent requests share one) */
  dashboardCacheSeconds: number;
  /** public tip submissions per client address per 10 minutes */
  publicTipsPer10Minutes: number;
  logLevel: z.infer<typeof ConfigSchema>['WELLSEAL_LOG_LEVEL'];
  /** headless Chromium, for printing bulletins to PDF */
  chromium: string;
  /** base-map tiles for the map page ({z}/{x}/{y}, optional {s}); none: a plain background */
  tileUrl: string | undefined;
  /** the tiles' coordinate system: wgs84 (天地图/CGCS2000, OSM) or gcj02 (高德, 腾讯) */
  tileCrs: 'wgs84' | 'gcj02';
  /** reverse proxies whose X-Forwarded-For is believed (IPs or CIDRs); none: the connection's address is the client's */
  trustedProxies: string[];
  /** the office's time zone: what "today" is for every rule, form and table */
  timeZone: string;
  /** the office clock starts at this moment and runs on (fixed-clock tests, showing the demo on a past day) */
  startAt: Date | undefined;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid settings:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.WELLSEAL_DATA),
    filesDir: path.resolve(e.WELLSEAL_FILES ?? path.join(e.WELLSEAL_DATA, 'files')),
    databaseUrl: e.DATABASE_URL,
    secureCookies: e.WELLSEAL_SECURE_COOKIES === 'true',
    sessionHours: e.WELLSEAL_SESSION_HOURS,
    loginAttemptsPerMinute: e.WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE,
    dashboardCacheSeconds: e.WELLSEAL_DASHBOARD_CACHE_SECONDS,
    publicTipsPer10Minutes: e.WELLSEAL_PUBLIC_TIPS_PER_10_MINUTES,
    logLevel: e.WELLSEAL_LOG_LEVEL,
    chromium: e.CHROMIUM_PATH,
    tileUrl: e.WELLSEAL_TILE_URL,
    tileCrs: e.WELLSEAL_TILE_CRS,
    trustedProxies: e.WELLSEAL_TRUSTED_PROXIES,
    timeZone: e.WELLSEAL_TIME_ZONE,
    startAt: e.WELLSEAL_NOW,
    ...overrides,
  };
}

export class ConfigError extends Error {}
