/**
 * UI-only state: which test trajectory is shown, overlays, the auto-train toggle, and the page
 * options of a lesson link (in the address, but not part of the run).
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_PAGE, type PageOptions } from './lesson';
import type { Mutators, Store } from './store';

export interface ViewSlice {
  testIndex: number;
  showPairs: boolean;
  autoTrain: boolean;
  /** Lesson-link options: hidden controls and panels, plots shown, the note. */
  page: PageOptions;
  /** Shows the controls a lesson link hides (this visit only; the link keeps hiding them). */
  revealHidden: boolean;
  setTestIndex: (i: number) => void;
  setShowPairs: (on: boolean) => void;
  setAutoTrain: (on: boolean) => void;
  setPage: (page: PageOptions) => void;
  setRevealHidden: (on: boolean) => void;
  /** The plot shown full screen (its registry id), or null. */
  fullPlot: string | null;
  setFullPlot: (id: string | null) => void;
  /** Presenter mode on or off (kept in the page options, so a link can open in it). */
  setPresenter: (on: boolean) => void;
  /** The settings' collapsed "Advanced" section is open (this visit only, not in the link). */
  advancedOpen: boolean;
  setAdvancedOpen: (open: boolean) => void;
}

export const createViewSlice: StateCreator<Store, Mutators, [], ViewSlice> = (set) => ({
  testIndex: 0,
  showPairs: false,
  autoTrain: true,
  page: DEFAULT_PAGE,
  revealHidden: false,
  setTestIndex: (testIndex) => set({ testIndex }),
  setShowPairs: (showPairs) => set({ showPairs }),
  setAutoTrain: (autoTrain) => set({ autoTrain }),
  setPage: (page) => set({ page }),
  setRevealHidden: (revealHidden) => set({ revealHidden }),
  fullPlot: null,
  setFullPlot: (fullPlot) => set({ fullPlot }),
  setPresenter: (on) => set((s) => ({ page: { ...s.page, present: on || undefined } })),
  advancedOpen: false,
  setAdvancedOpen: (advancedOpen) => set({ advancedOpen }),
});
