import { z } from 'zod';

export const MAP_LAYERS = ['grids', 'wells', 'tips', 'suspects', 'heatpump'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

export const MapConfigView = z.object({
  /** Leaflet tile template ({z}/{x}/{y}, optional {s}); null: no base map, a plain background */
  tileUrl: z.string().nullable(),
  tileCrs: z.enum(['wgs84', 'gcj02']),
  subdomains: z.array(z.string()),
  /** where the map opens before any layer is loaded: [lat, lng] in the tiles' coordinate system */
  center: z.tuple([z.number(), z.number()]),
});
export type MapConfigView = z.infer<typeof MapConfigView>;

export const LayersQuery = z.object({
  layers: z
    .string()
    .default(MAP_LAYERS.join(','))
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(MAP_LAYERS, { error: `图层只能是 ${MAP_LAYERS.join('、')}` }))),
});

const Geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });
const GridFeature = z.object({
  type: z.literal('Feature'),
  geometry: Geometry,
  properties: z.object({
    unitId: z.number(), code: z.string(), name: z.string(), district: z.string(),
    surveyState: z.enum(['not_started', 'in_progress', 'completed']).nullable(),
  }),
});
export const WELL_GROUPS = ['pending', 'sealed', 'permitted', 'reactivated'] as const;

export const MapLayersView = z.object({
  /** the coordinate system of every point and polygon below (the tiles'); stored data is WGS-84 */
  crs: z.enum(['wgs84', 'gcj02']),
  grids: z.object({ type: z.literal('FeatureCollection'), features: z.array(GridFeature) }).optional(),
  wells: z.array(z.object({
    id: z.number(), code: z.string(), ownerName: z.string(), stage: z.string(), stageLabel: z.string(), group: z.enum(WELL_GROUPS),
    lat: z.number(), lng: z.number(), approximate: z.boolean(),
  })).optional(),
  tips: z.array(z.object({
    id: z.number(), code: z.string(), receivedOn: z.string(), summary: z.string(), state: z.string(), stateLabel: z.string(),
    lat: z.number(), lng: z.number(), approximate: z.boolean(),
  })).optional(),
  suspects: z.array(z.object({
    accountNo: z.string(), name: z.string(), score: z.number(), rank: z.number(), lat: z.number(), lng: z.number(), approximate: z.literal(true),
  })).optional(),
  /** heat-pump projects with a point; `low`: the latest month reinjects below the threshold */
  heatpump: z.array(z.object({
    id: z.number(), name: z.string(), stageLabel: z.string(), low: z.boolean(), ratio: z.number().nullable(), period: z.string().nullable(), openFindings: z.number(),
    lat: z.number(), lng: z.number(),
  })).optional(),
});
export type MapLayersView = z.infer<typeof MapLayersView>;

export const BoundaryImportResult = z.object({ applied: z.boolean(), features: z.number(), created: z.number(), updated: z.number() });
export type BoundaryImportResult = z.infer<typeof BoundaryImportResult>;
