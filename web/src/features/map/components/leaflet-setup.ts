/**
 * Leaflet with the marker-cluster plugin. The plugin (a UMD script) extends the global `L`, so
 * Leaflet's object is made global before the plugin module runs (imports run in order).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';

(window as unknown as { L: typeof L }).L = L;

type ClusterHideable = { clusterHide(): unknown; clusterShow(): unknown };
// the plugin hides and shows markers while clustering; circle markers (no image icons) need the same
L.CircleMarker.include({
  clusterHide(this: L.CircleMarker & { _clusterStyle?: L.PathOptions }) {
    this._clusterStyle = { opacity: this.options.opacity ?? 1, fillOpacity: this.options.fillOpacity ?? 0.2 };
    this.setStyle({ opacity: 0, fillOpacity: 0 });
    return this;
  },
  clusterShow(this: L.CircleMarker & { _clusterStyle?: L.PathOptions }) {
    if (this._clusterStyle) this.setStyle(this._clusterStyle);
    return this;
  },
} satisfies ClusterHideable & ThisType<L.CircleMarker & { _clusterStyle?: L.PathOptions }>);

export { L };
