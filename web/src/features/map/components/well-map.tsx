import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import type { GridCollection, MapConfig, MapLayerKey, MapLayers } from '../api/map-api';
import { L } from './leaflet-cluster';
import { GRID_COLOR, HEATPUMP_STYLE, SURVEY_STYLE, SUSPECT_COLOR, TIP_COLOR, WELL_GROUP_STYLE } from './map-style';

type Props = { config: MapConfig; data: MapLayers | undefined; visible: readonly MapLayerKey[] };

type PopupLine = { text: string; secondary?: boolean };

/** A popup as DOM nodes (names come from user input: never HTML), with an in-app link to the record. */
function popup(title: string, lines: PopupLine[], link: { href: string; label: string }, go: (href: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'ws-map-popup';
  const h = document.createElement('div');
  h.className = 'ws-map-popup__title';
  h.textContent = title;
  box.append(h);
  for (const l of lines) {
    const p = document.createElement('div');
    p.className = l.secondary ? 'ws-map-popup__line ws-map-popup__line--secondary' : 'ws-map-popup__line';
    p.textContent = l.text;
    box.append(p);
  }
  const a = document.createElement('a');
  a.href = link.href;
  a.textContent = link.label;
  a.className = 'ws-map-popup__link';
  a.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    go(link.href);
  });
  box.append(a);
  return box;
}

function cluster(kind: string): L.MarkerClusterGroup {
  return L.markerClusterGroup({
    chunkedLoading: true,
    animate: false,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    spiderfyOnMaxZoom: true,
    // Leaflet's own cluster icon classes, plus which layer it belongs to
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
      return L.divIcon({ html: `<div><span>${n}</span></div>`, className: `marker-cluster marker-cluster-${size} ws-map-cluster ws-map-cluster--${kind}`, iconSize: L.point(40, 40) });
    },
  });
}

const point = (lat: number, lng: number, color: string, approximate: boolean) =>
  L.circleMarker([lat, lng], {
    radius: 6, color: '#fff', weight: 1.5, fillColor: color, fillOpacity: approximate ? 0.55 : 0.95, opacity: 1,
    className: 'ws-map-point',
  });

/** Grid polygons get a pane below the points, so a point stays clickable whatever was switched on last. */
const GRID_PANE = 'wsGrids';

function gridLayer(grids: GridCollection): L.GeoJSON {
  return L.geoJSON(grids as unknown as GeoJSON.FeatureCollection, {
    pane: GRID_PANE,
    style: (f) => {
      const state = (f?.properties as GridCollection['features'][number]['properties'] | undefined)?.surveyState;
      const color = state ? SURVEY_STYLE[state].color : GRID_COLOR;
      return { className: 'ws-grid-boundary', color, weight: 1, opacity: 0.8, fillColor: color, fillOpacity: 0.08 };
    },
    onEachFeature: (f, layer) => {
      const p = f.properties as GridCollection['features'][number]['properties'];
      const state = p.surveyState ? `（${SURVEY_STYLE[p.surveyState].label}）` : '';
      // a string tooltip is HTML: the names come from the org tree, so they go in as a text node
      const label = document.createElement('span');
      label.textContent = `${p.district} ${p.name}${state}`;
      layer.bindTooltip(label, { sticky: true, direction: 'top' });
    },
  });
}

/**
 * The Leaflet map: a base map when a tile URL is set (else the plain grey background), grid
 * boundaries, clustered points for wells, tips and suspects, and heat-pump projects. Coordinates arrive already in
 * the tiles' coordinate system (the server converts for GCJ-02 tiles).
 */
export function WellMap({ config, data, visible }: Props) {
  const el = useRef<HTMLDivElement | null>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<Partial<Record<MapLayerKey, L.Layer>>>({});
  const fitted = useRef(false);
  const navigate = useNavigate();
  const go = useRef(navigate);
  go.current = navigate;

  // the map itself, once
  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { center: config.center, zoom: 12, minZoom: 8, maxZoom: 18, zoomControl: true, attributionControl: !!config.tileUrl });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { maxZoom: 18, ...(config.subdomains.length ? { subdomains: config.subdomains } : {}) }).addTo(m);
    }
    m.createPane(GRID_PANE).style.zIndex = '350'; // tiles 200 < grids < overlays 400
    L.control.scale({ imperial: false }).addTo(m);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      layers.current = {};
      fitted.current = false;
    };
  }, [config]);

  // the data layers, rebuilt when new data arrives
  useEffect(() => {
    const m = map.current;
    if (!m || !data) return;
    const to = (href: string) => go.current(href);
    const built: Partial<Record<MapLayerKey, L.Layer>> = {};
    if (data.grids) built.grids = gridLayer(data.grids);
    if (data.wells) {
      const g = cluster('wells');
      g.addLayers(data.wells.map((w) =>
        point(w.lat, w.lng, WELL_GROUP_STYLE[w.group].color, w.approximate).bindPopup(() =>
          popup(`自备井 ${w.code}`, [{ text: w.ownerName }, { text: w.stageLabel }, ...(w.approximate ? [{ text: '无坐标，标于所在网格', secondary: true }] : [])], { href: `/wells/${w.id}`, label: '查看一井一档 →' }, to),
        ),
      ));
      built.wells = g;
    }
    if (data.tips) {
      const g = cluster('tips');
      g.addLayers(data.tips.map((t) =>
        point(t.lat, t.lng, TIP_COLOR, t.approximate).bindPopup(() =>
          popup(`举报线索 ${t.code}`, [{ text: t.summary }, { text: `${t.receivedOn} 受理 · ${t.stateLabel}` }, ...(t.approximate ? [{ text: '位置为所属网格或区的大致位置', secondary: true }] : [])], { href: `/tips/${t.id}`, label: '查看线索 →' }, to),
        ),
      ));
      built.tips = g;
    }
    if (data.suspects) {
      const g = cluster('suspects');
      g.addLayers(data.suspects.map((s) =>
        point(s.lat, s.lng, SUSPECT_COLOR, true).bindPopup(() =>
          popup(`疑似双水源 ${s.name}`, [{ text: `户号 ${s.accountNo}` }, { text: `第 ${s.rank} 名 · 得分 ${s.score.toFixed(2)}` }, { text: '位置为所在网格的大致位置', secondary: true }], { href: `/suspects?q=${encodeURIComponent(s.accountNo)}`, label: '查看疑似用户 →' }, to),
        ),
      ));
      built.suspects = g;
    }
    if (data.heatpump) {
      // few and each a site of its own: plain markers, above the clustered points, never clustered
      const g = L.layerGroup(data.heatpump.map((p) =>
        L.circleMarker([p.lat, p.lng], {
          radius: 9, color: '#fff', weight: 2, fillColor: p.low ? HEATPUMP_STYLE.low.color : HEATPUMP_STYLE.ok.color, fillOpacity: 0.95, opacity: 1,
          className: p.low ? 'ws-map-hp ws-map-hp--low' : 'ws-map-hp',
        }).bindPopup(() =>
          popup(
            `地温空调 ${p.name}`,
            [
              { text: p.stageLabel },
              { text: p.period ? `${p.period} 回灌率 ${p.ratio === null ? '—' : `${Math.round(p.ratio * 100)}%`}${p.low ? '（低于标准）' : ''}` : '暂无监测读数' },
              ...(p.openFindings ? [{ text: `未销号问题 ${p.openFindings} 个` }] : []),
            ],
            { href: `/heatpump/${p.id}`, label: '查看项目 →' },
            to,
          ),
        ),
      ));
      built.heatpump = g;
    }
    layers.current = built;
    if (!fitted.current) {
      const bounds = built.grids ? (built.grids as L.GeoJSON).getBounds() : built.wells ? (built.wells as L.MarkerClusterGroup).getBounds() : null;
      if (bounds?.isValid()) {
        m.fitBounds(bounds, { padding: [16, 16] });
        fitted.current = true;
      }
    }
    return () => {
      for (const l of Object.values(built)) l.remove();
      layers.current = {};
    };
  }, [data]);

  // the toggles
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    for (const [key, layer] of Object.entries(layers.current) as [MapLayerKey, L.Layer][]) {
      const on = visible.includes(key);
      if (on && !m.hasLayer(layer)) m.addLayer(layer);
      if (!on && m.hasLayer(layer)) m.removeLayer(layer);
    }
  }, [visible, data]);

  return <div ref={el} className="ws-map" data-testid="map-container" />;
}
