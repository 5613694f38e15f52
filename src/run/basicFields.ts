/**
 * The basic/advanced split of the settings (issue 11): per family the handful of fields a first
 * lecture moves; every other field that applies sits under a collapsed "Advanced" section. The
 * system group (the system, its parameters, the city or file) is always basic.
 *
 * The split is presentation only: it changes no run, no link and no parsing.
 */
import { familyOf, type Family } from './registry';
import { FIELDS, fieldApplies, type Field, type RunConfig } from './schema';

/** Basic fields beyond the system group, per family, by query key. */
export const BASIC_FIELDS: Record<Family, readonly string[]> = {
  // How much data, how wide a network, which sampler and activation, how much ridge, which seed.
  free: ['ntraj', 'len', 'width', 'sampler', 'act', 'reg', 'seed'],
  // Plus the unseen test input and what the controller is asked to do.
  controlled: ['ntraj', 'width', 'reg', 'seed', 'uin', 'umax', 'goal', 'gx', 'gy'],
  // Which columns, how many delays, which years (or how much of the file) to train on.
  series: [
    'vars',
    'cols',
    'delay',
    'trainfrom',
    'trainto',
    'split',
    'width',
    'sampler',
    'reg',
    'seed',
  ],
};

/** Whether a field is basic for this system. */
export function isBasic(f: Field, sys: string): boolean {
  return f.group === 'system' || BASIC_FIELDS[familyOf(sys)].includes(f.key);
}

/** Whether a field's value in `config` is not its default for the config's system. */
export function differsFromDefault(f: Field, config: RunConfig): boolean {
  return config[f.key] !== f.default(config.sys);
}

/**
 * The advanced fields of the config's system that differ from their default (in schema order):
 * the page opens the Advanced section for them and lists them in its summary.
 */
export function changedAdvanced(config: RunConfig): Field[] {
  return FIELDS.filter(
    (f) =>
      fieldApplies(f, config.sys) &&
      !isBasic(f, config.sys) &&
      f.kind !== 'text' &&
      (!f.shownWhen || f.shownWhen(config)) &&
      differsFromDefault(f, config),
  );
}
