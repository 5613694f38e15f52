/**
 * Extension point of the stage explanations (issue 12): views other work adds to a stage (the
 * neuron view, grow-the-network, the Koopman eigenfunctions) register their components here and
 * are rendered, in order, at the end of that stage's panel. Each receives no props and reads the
 * run from the store.
 */
import type { ComponentType } from 'react';
import type { StageId } from './overviewData';

export const STAGE_EXTRAS: Partial<Record<StageId, ComponentType[]>> = {};
