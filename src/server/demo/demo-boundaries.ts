/**
 * Plausible boundaries for the demo's grids: the four districts as quadrants around the city
 * centre (卧龙区 north-west, 宛城区 north-east, 高新区 south-west, 示范区 south-east), each a lattice
 * of small quadrilaterals filled row by row in grid-code order (so each street is a band of rows and
 * each community a run within it). Lattice vertices are jittered and shared by neighbouring cells,
 * so the cells stay non-overlapping. Seeded: the same shapes every time. Pure.
 */
import { seededRandom } from '../../domain/shared/random.js';
import type { LngLat, PolygonGeometry } from '../features/map/map.geo.js';

export type DemoBoundaryGrid = { id: number; code: string; district: string };

/** Near the demo wells' centre (they lie within 112.48–112.60 E, 32.99–33.07 N). */
export const DEMO_MAP_CENTRE: LngLat = [112.54, 33.03];
const CELL: LngLat = [0.0042, 0.0036]; // ≈ 390 m × 400 m
const GAP = 0.0015; // a street's width between districts

/** Which way from the centre each district's lattice grows (lng sign, lat sign). */
const QUADRANTS: Record<string, [number, number]> = {
  卧龙区: [-1, 1],
  宛城区: [1, 1],
  高新区: [-1, -1],
  城乡一体化示范区: [1, -1],
};

export function demoBoundaries(grids: readonly DemoBoundaryGrid[], seed = 20240614): { unitId: number; geometry: PolygonGeometry }[] {
  const rnd = seededRandom(seed);
  const byDistrict = new Map<string, DemoBoundaryGrid[]>();
  for (const g of grids) (byDistrict.get(g.district) ?? byDistrict.set(g.district, []).get(g.district)!).push(g);
  const out: { unitId: number; geometry: PolygonGeometry }[] = [];
  const names = [...byDistrict.keys()].sort();
  names.forEach((name, i) => {
    const list = [...byDistrict.get(name)!].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    const [sx, sy] = QUADRANTS[name] ?? [i % 2 ? 1 : -1, i < 2 ? 1 : -1];
    const cols = Math.ceil(Math.sqrt(list.length * 1.1));
    const rows = Math.ceil(list.length / cols);
    // vertex (r, c): r rows away from the centre line, c columns; interior vertices jittered
    const vertex: LngLat[][] = [];
    for (let r = 0; r <= rows; r++) {
      const line: LngLat[] = [];
      for (let c = 0; c <= cols; c++) {
        const edge = r === 0 || c === 0 || r === rows || c === cols;
        const jx = edge ? 0 : (rnd() - 0.5) * 0.5 * CELL[0];
        const jy = edge ? 0 : (rnd() - 0.5) * 0.5 * CELL[1];
        line.push([
          round(DEMO_MAP_CENTRE[0] + sx * (GAP + c * CELL[0] + jx)),
          round(DEMO_MAP_CENTRE[1] + sy * (GAP + r * CELL[1] + jy)),
        ]);
      }
      vertex.push(line);
    }
    list.forEach((g, k) => {
      // rows run outward from the centre; alternate direction so consecutive grids stay adjacent
      const r = Math.floor(k / cols);
      const c = r % 2 === 0 ? k % cols : cols - 1 - (k % cols);
      const ring: LngLat[] = [vertex[r]![c]!, vertex[r]![c + 1]!, vertex[r + 1]![c + 1]!, vertex[r + 1]![c]!];
      // counter-clockwise outer ring (RFC 7946) whatever the quadrant's mirroring
      if (sx * sy < 0) ring.reverse();
      out.push({ unitId: g.id, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] } });
    });
  });
  return out;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
