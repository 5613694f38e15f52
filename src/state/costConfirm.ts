/**
 * The confirm step before a long run (issue 16): a run estimated over CONFIRM_SECONDS
 * (src/run/cost.ts) waits here until the user says to start it; auto-train and opening a link
 * never start one without that answer.
 */
import { create } from 'zustand';
import type { CostEstimate } from '../run/cost';

export interface PendingRun {
  /** The query of the settings asked about (a confirmation is for these settings only). */
  query: string;
  estimate: CostEstimate;
  sentence: string;
}

export const useCostConfirm = create<{ pending: PendingRun | null }>(() => ({ pending: null }));

/** Settings whose long run the user confirmed in this visit (so Train does not ask twice). */
const confirmed = new Set<string>();

export const isConfirmed = (query: string): boolean => confirmed.has(query);
export function confirmRun(query: string): void {
  confirmed.add(query);
  useCostConfirm.setState({ pending: null });
}
export const askToRun = (p: PendingRun): void => useCostConfirm.setState({ pending: p });
export const dismissRun = (): void => useCostConfirm.setState({ pending: null });
