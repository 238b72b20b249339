import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { ConfigError, readConfig } from '../../config.js';
import { centroidOf, planBoundaries, toDisplay } from './map.geo.js';
import { tileImgSrc, tileSubdomains } from './map.geo.js';
import { demoBoundaries } from '../../demo/demo-boundaries.js';

let t: TestApp;
let city: Client, wancheng: Client, utility: Client;

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  wancheng = await t.login('wancheng');
  utility = await t.login('utility');
});
afterAll(async () => t?.close());

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64');
const square = (lng: number, lat: number, d = 0.002) => ({ type: 'Polygon', coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]] });
const feature = (props: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties: props, geometry });

describe('geometry', () => {
  it('converts WGS-84 to GCJ-02 with gcoord (its documented example, backwards) and leaves WGS-84 tiles alone', () => {
    // gcoord README: transform([123, 45], GCJ02, WGS84) → [122.99395597, 44.99804071]
    const [lng, lat] = toDisplay([122.99395597, 44.99804071], 'gcj02');
    expect(lng).toBeCloseTo(123, 5);
    expect(lat).toBeCloseTo(45, 5);
    expect(toDisplay([112.53, 33.0], 'wgs84')).toEqual([112.53, 33.0]);
  });

  it('finds a polygon centroid', () => {
    const [lng, lat] = centroidOf(square(112.5, 33.0, 0.01) as never);
    expect(lng).toBeCloseTo(112.505, 8);
    expect(lat).toBeCloseTo(33.005, 8);
  });

  it('generates non-overlapping demo boundaries quickly and the same every time', () => {
    const grids = Array.from({ length: 1152 }, (_, i) => ({ id: i + 1, code: String(i).padStart(4, '0'), district: ['卧龙区', '宛城区', '高新区', '城乡一体化示范区'][i % 4]! }));
    const started = performance.now();
    const a = demoBoundaries(grids);
    expect(performance.now() - started).toBeLessThan(500);
    expect(a).toHaveLength(1152);
    expect(JSON.stringify(demoBoundaries(grids))).toBe(JSON.stringify(a));
    // centroids of different grids are at least a cell's fraction apart
    const cs = a.map((b) => centroidOf(b.geometry));
    const keys = new Set(cs.map(([x, y]) => `${Math.round(x / 0.001)}:${Math.round(y / 0.001)}`));
    expect(keys.size).toBe(1152);
  });

  it('reports each bad feature with its index', () => {
    const grids = new Map([['A1', 1], ['A2', 2]]);
    const { errors, boundaries } = planBoundaries({
      type: 'FeatureCollection',
      features: [
        feature({ 网格编号: 'A1' }, square(112.5, 33)),
        feature({ grid_code: 'ZZ' }, square(112.5, 33)),
        feature({ 网格编号: 'A2' }, { type: 'Point', coordinates: [112.5, 33] }),
        feature({ 网格编号: 'A1' }, square(112.5, 33)),
      ],
    }, grids);
    expect(boundaries).toHaveLength(1);
    expect(errors.map((e) => e.feature)).toEqual([2, 3, 4]);
    expect(errors[0]!.message).toMatch(/不存在/);
    expect(errors[1]!.message).toMatch(/不是面要素/);
    expect(errors[2]!.message).toMatch(/重复/);
  });
});

describe('settings and config endpoint', () => {
  it('reads the tile settings, refusing bad ones in Chinese', () => {
    const c = readConfig({ WELLSEAL_TILE_URL: 'https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}', WELLSEAL_TILE_CRS: 'gcj02' });
    expect(c.tileCrs).toBe('gcj02');
    expect(tileSubdomains(c.tileUrl)).toEqual(['1', '2', '3', '4']);
    expect(tileImgSrc(c.tileUrl)).toEqual(['https://*.is.autonavi.com']);
    expect(readConfig({}).tileCrs).toBe('wgs84');
    expect(readConfig({}).tileUrl).toBeUndefined();
    expect(() => readConfig({ WELLSEAL_TILE_CRS: 'bd09' })).toThrow(ConfigError);
    expect(() => readConfig({ WELLSEAL_TILE_CRS: 'bd09' })).toThrow(/WELLSEAL_TILE_CRS 只能是/);
    expect(() => readConfig({ WELLSEAL_TILE_URL: 'https://tile.example.com/a.png' })).toThrow(/占位符/);
  });

  it('serves the base-map settings to the web app', async () => {
    const res = await city.get('/api/map/config');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tileUrl: null, tileCrs: 'wgs84', subdomains: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/map/config' })).statusCode).toBe(401);
  });
});

describe('layers', () => {
  it('gives the city office every layer; no reporter ever appears', async () => {
    const res = await city.get('/api/map/layers');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.crs).toBe('wgs84');
    expect(body.grids.features).toHaveLength(1152);
    expect(body.grids.features[0].properties).toMatchObject({ code: expect.any(String), name: expect.any(String) });
    expect(body.wells.length).toBeGreaterThan(100);
    expect(body.tips.length).toBeGreaterThan(10);
    expect(body.tips.every((x: { approximate: boolean }) => typeof x.approximate === 'boolean')).toBe(true);
    expect(Array.isArray(body.suspects)).toBe(true);
    for (const s of body.suspects) expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(res.body).not.toMatch(/reporter/i);
  });

  it('scopes every layer: 宛城区 sees only its own grids and wells', async () => {
    const body = (await wancheng.get('/api/map/layers?layers=grids,wells')).json();
    expect(body.grids.features).toHaveLength(241);
    expect(body.grids.features.every((f: { properties: { district: string } }) => f.properties.district === '宛城区')).toBe(true);
    expect(body.wells.length).toBeGreaterThan(0);
    expect(body.wells.every((w: { code: string }) => w.code.startsWith('411302'))).toBe(true);
    expect(body.tips).toBeUndefined();
    const cityWells = (await city.get('/api/map/layers?layers=wells')).json().wells;
    expect(body.wells.length).toBe(cityWells.filter((w: { code: string }) => w.code.startsWith('411302')).length);
  });

  it('leaves out layers the caller may not see instead of refusing', async () => {
    const body = (await utility.get('/api/map/layers')).json();
    expect(body.grids.features.length).toBeGreaterThan(0);
    expect(body.wells).toBeUndefined();
    expect(body.tips).toBeUndefined();
    expect(body.suspects).toBeUndefined();
    expect((await city.get('/api/map/layers?layers=roads')).statusCode).toBe(400);
  });
});

describe('boundary import', () => {
  it('applies nothing when any feature is bad, naming each by its index', async () => {
    const before = (await city.get('/api/map/layers?layers=grids')).json().grids.features;
    const [g1, g2] = before as { properties: { code: string }; geometry: unknown }[];
    const file = {
      type: 'FeatureCollection',
      features: [
        feature({ 网格编号: g1!.properties.code }, square(112.6, 33.1)),
        feature({ 网格编号: '999999999999999' }, square(112.6, 33.1)),
        feature({ grid_code: g2!.properties.code }, { type: 'LineString', coordinates: [[112.6, 33.1], [112.7, 33.2]] }),
        feature({ grid_code: g2!.properties.code }, square(212.6, 33.1)),
        feature({ 网格编号: g1!.properties.code }, square(112.6, 33.1)),
      ],
    };
    const res = await city.send('POST', '/api/map/boundaries/import', { fileName: 'bad.geojson', content: b64(file), dryRun: false });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(/未导入任何数据/);
    expect(res.json().message).toMatch(/第2个要素/);
    const errs = res.json().details.featureErrors as { feature: number; message: string }[];
    expect(errs.map((e) => e.feature)).toEqual([2, 3, 4, 5]);
    expect(errs[0]!.message).toMatch(/不存在/);
    expect(errs[1]!.message).toMatch(/不是面要素/);
    expect(errs[2]!.message).toMatch(/超出范围/);
    expect(errs[3]!.message).toMatch(/重复/);
    const after = (await city.get('/api/map/layers?layers=grids')).json().grids.features;
    expect(after[0].geometry).toEqual(g1!.geometry);

    const bad = await city.send('POST', '/api/map/boundaries/import', { fileName: 'x.geojson', content: b64('{not json'), dryRun: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/GeoJSON/);
  });

  it('checks on a dry run, then replaces the boundaries; only the city office may', async () => {
    const grids = (await city.get('/api/map/layers?layers=grids')).json().grids.features as { properties: { code: string; unitId: number }; geometry: unknown }[];
    const code = grids[0]!.properties.code;
    const multi = { type: 'MultiPolygon', coordinates: [square(112.6, 33.1).coordinates, square(112.61, 33.1).coordinates] };
    const file = { type: 'FeatureCollection', features: [feature({ 网格编号: code }, multi)] };
    const dry = await city.send('POST', '/api/map/boundaries/import', { fileName: 'grids.geojson', content: b64(file), dryRun: true });
    expect(dry.json()).toEqual({ applied: false, features: 1, created: 0, updated: 1 });
    expect((await wancheng.send('POST', '/api/map/boundaries/import', { fileName: 'grids.geojson', content: b64(file), dryRun: false })).statusCode).toBe(403);
    const res = await city.send('POST', '/api/map/boundaries/import', { fileName: 'grids.geojson', content: b64(file), dryRun: false });
    expect(res.json()).toEqual({ applied: true, features: 1, created: 0, updated: 1 });
    const after = (await city.get('/api/map/layers?layers=grids')).json().grids.features.find((f: { properties: { code: string } }) => f.properties.code === code);
    expect(after.geometry).toEqual(multi);
  });
});
