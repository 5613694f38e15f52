/**
 * The settings in which the runs of a comparison differ (issue 13): every schema key whose value
 * is not the same in all of them (keys that apply to none of the runs' systems are skipped). Pure.
 */
import { FIELDS, fieldApplies, type RunConfig } from '../../run/schema';

export function differingKeys(configs: readonly RunConfig[]): string[] {
  if (configs.length < 2) return [];
  return FIELDS.filter(
    (f) =>
      configs.some((c) => fieldApplies(f, c.sys)) &&
      configs.some((c) => c[f.key] !== configs[0][f.key]),
  ).map((f) => f.key);
}

/** "sampler=random, width=20" for one config over the given keys. */
export function settingsText(config: RunConfig, keys: readonly string[]): string {
  return keys.map((k) => `${k}=${String(config[k])}`).join(', ');
}
