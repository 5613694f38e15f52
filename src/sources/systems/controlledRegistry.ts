import { duffing } from './duffing';
import { forcedVanderpol } from './forcedVanderpol';
import type { ControlledSystemSpec } from './controlledTypes';

/** The controlled systems, by query id. Add one: write its spec file and list it here. */
export const CONTROLLED: Record<string, ControlledSystemSpec> = {
  forcedvdp: forcedVanderpol,
  duffing,
};
export const CONTROLLED_IDS = Object.keys(CONTROLLED);

export function isControlledSystem(sys: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTROLLED, sys);
}

export function getControlledSystem(id: string): ControlledSystemSpec {
  const s = CONTROLLED[id];
  if (!s)
    throw new RangeError(`unknown controlled system '${id}' (one of ${CONTROLLED_IDS.join(', ')})`);
  return s;
}
