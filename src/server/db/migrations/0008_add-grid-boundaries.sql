-- Grid boundaries for the map (网格边界): one GeoJSON Polygon or MultiPolygon per grid, in WGS-84
-- lon/lat as imported (display on GCJ-02 tiles converts at read time; stored coordinates never do).
create table grid_boundaries (
  unit_id     integer primary key references org_units (id),
  geometry    jsonb not null,
  source      text not null,
  updated_at  timestamptz not null default now()
);
