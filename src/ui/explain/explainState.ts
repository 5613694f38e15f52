/**
 * Which stage explanation is open (UI-only, never in the URL): the overview opens one, the
 * explanation panel steps through them with ←/→ or Prev/Next.
 */
import { create } from 'zustand';
import { stepStage, type StageId } from './overviewData';

interface ExplainState {
  /** The stage whose explanation is open, or null when closed. */
  open: StageId | null;
  show: (id: StageId) => void;
  close: () => void;
  step: (by: -1 | 1) => void;
}

export const useExplain = create<ExplainState>((set, get) => ({
  open: null,
  show: (id) => set({ open: id }),
  close: () => set({ open: null }),
  step: (by) => {
    const cur = get().open;
    if (cur) set({ open: stepStage(cur, by) });
  },
}));
