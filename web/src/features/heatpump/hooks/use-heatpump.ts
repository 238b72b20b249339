import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FINDINGS_KEY } from '../../findings/hooks/use-findings';
import {
  createHeatPumpProject,
  fetchHeatPumpProject,
  fetchHeatPumpProjects,
  recordObservation,
  recordReading,
  setHeatPumpWells,
  updateHeatPumpProject,
  type HeatPumpFilter,
  type HeatPumpProjectUpdate,
  type HeatPumpWellsUpdate,
  type HeatPumpWrite,
  type NewHeatPumpProject,
  type NewObservation,
  type NewReading,
} from '../api/heatpump-api';

/** Everything about heat-pump projects shares this prefix. */
export const HEATPUMP_KEY = ['heatpump'] as const;
export const heatPumpKey = (id: number) => [...HEATPUMP_KEY, 'project', id] as const;

export function useHeatPumpProjects(filter: HeatPumpFilter) {
  return useQuery({ queryKey: [...HEATPUMP_KEY, 'list', filter], queryFn: ({ signal }) => fetchHeatPumpProjects(filter, signal), placeholderData: keepPreviousData });
}

export function useHeatPumpProject(id: number) {
  return useQuery({ queryKey: heatPumpKey(id), queryFn: ({ signal }) => fetchHeatPumpProject(id, signal) });
}

/**
 * A write may raise findings for the project's district: it reloads the project (with the answer),
 * the lists, the findings, the board and the map.
 */
function useWrite<B>(id: number, write: (body: B) => Promise<HeatPumpWrite>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    meta: { silentErrors: true },
    onSuccess: (r) => qc.setQueryData(heatPumpKey(id), r.project),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: [...HEATPUMP_KEY, 'list'] }),
        qc.invalidateQueries({ queryKey: FINDINGS_KEY }),
        qc.invalidateQueries({ queryKey: ['dashboard'] }),
        qc.invalidateQueries({ queryKey: ['map'] }),
      ]),
  });
}

export const useRecordReading = (id: number) => useWrite(id, (body: NewReading) => recordReading(id, body));
export const useRecordObservation = (id: number) => useWrite(id, (body: NewObservation) => recordObservation(id, body));
export const useUpdateHeatPumpProject = (id: number) => useWrite(id, (body: HeatPumpProjectUpdate) => updateHeatPumpProject(id, body));
export const useSetHeatPumpWells = (id: number) => useWrite(id, (body: HeatPumpWellsUpdate) => setHeatPumpWells(id, body));

export function useCreateHeatPumpProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewHeatPumpProject) => createHeatPumpProject(body),
    meta: { silentErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: HEATPUMP_KEY }),
  });
}
