import { L } from './leaflet-setup';
import 'leaflet.markercluster';

export { L };
