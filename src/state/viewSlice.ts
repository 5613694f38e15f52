/** UI-only state: which test trajectory is shown, overlays, the auto-train toggle. */
import type { StateCreator } from 'zustand';
import type { Mutators, Store } from './store';

export interface ViewSlice {
  testIndex: number;
  showPairs: boolean;
  autoTrain: boolean;
  setTestIndex: (i: number) => void;
  setShowPairs: (on: boolean) => void;
  setAutoTrain: (on: boolean) => void;
}

export const createViewSlice: StateCreator<Store, Mutators, [], ViewSlice> = (set) => ({
  testIndex: 0,
  showPairs: false,
  autoTrain: true,
  setTestIndex: (testIndex) => set({ testIndex }),
  setShowPairs: (showPairs) => set({ showPairs }),
  setAutoTrain: (autoTrain) => set({ autoTrain }),
});
