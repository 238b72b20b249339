import { useQuery } from '@tanstack/react-query';
import { fetchMapConfig, fetchMapLayers, type MapLayerKey } from '../api/map-api';

export const MAP_KEY = ['map'] as const;

export function useMapConfig() {
  return useQuery({ queryKey: [...MAP_KEY, 'config'], queryFn: ({ signal }) => fetchMapConfig(signal), staleTime: Infinity });
}

/** Every layer the caller may see, fetched once; the toggles only show and hide them. */
export function useMapLayers(layers: readonly MapLayerKey[]) {
  return useQuery({
    queryKey: [...MAP_KEY, 'layers', layers.join(',')],
    queryFn: ({ signal }) => fetchMapLayers(layers, signal),
    enabled: layers.length > 0,
    staleTime: 60_000,
  });
}
