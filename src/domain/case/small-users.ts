/**
 * Small users (小用水户): wells kept under permit (应纳管) whose annual withdrawal is under a
 * threshold (a setting; the campaign's class is 1000 m³ a year), listed for the tax office with
 * whether they are registered for the water-resource tax (水资源税). Pure.
 */
import type { Disposition, WellStage } from '../well/lifecycle.js';

export const SMALL_USER_THRESHOLD_SETTING = 'small_user_threshold_m3';

const PERMIT_STAGES: readonly WellStage[] = ['permit_issued', 'meter_installed', 'tax_registered'];

/** A well the permit track follows: decided 应纳管, or already on a permit stage. */
export function isPermitTracked(w: { stage: WellStage; disposition: Disposition | null }): boolean {
  return w.disposition === 'permit' || PERMIT_STAGES.includes(w.stage);
}

/** What the well draws in a year: its recorded annual volume, else the volume its permit allows. */
export function annualVolume(recorded: number | null, permitted: number | null | undefined): number | null {
  return recorded ?? permitted ?? null;
}

export function isUnderThreshold(volume: number | null, thresholdM3: number): volume is number {
  return volume !== null && volume < thresholdM3;
}

export type TaxState = 'registered' | 'unregistered';
export const TAX_STATE_LABELS: Record<TaxState, string> = { registered: '已登记', unregistered: '未登记' };

/** Registered once the well has a 登记水资源税 event. */
export function taxState(taxRegisteredOn: string | null): TaxState {
  return taxRegisteredOn ? 'registered' : 'unregistered';
}
