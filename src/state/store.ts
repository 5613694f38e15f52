/**
 * The one store, combined from slices (zustand's slices pattern). Side effects — URL sync,
 * auto-train — are subscriptions set up in `wiring.ts`, not code inside the actions.
 */
import { create } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type Store = ConfigSlice & RunSlice & ViewSlice;

export const useStore = create<Store>()(
  subscribeWithSelector((...a) => ({
    ...createConfigSlice(...a),
    ...createRunSlice(...a),
    ...createViewSlice(...a),
  })),
);

/** Middleware list the slice creators are typed against. */
export type Mutators = [['zustand/subscribeWithSelector', never]];
