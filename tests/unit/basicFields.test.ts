import { describe, expect, it } from 'vitest';
import { BASIC_FIELDS, changedAdvanced, isBasic } from '../../src/run/basicFields';
import { parseQuery } from '../../src/run/query';
import { idsOf, REGISTRY_IDS, type Family } from '../../src/run/registry';
import { FIELD_BY_KEY, FIELDS, defaultConfig, fieldApplies } from '../../src/run/schema';

describe('basic/advanced split of the settings', () => {
  it('names only schema fields that apply to some system of the family', () => {
    for (const [family, keys] of Object.entries(BASIC_FIELDS) as [Family, readonly string[]][])
      for (const k of keys) {
        expect(FIELD_BY_KEY[k], k).toBeDefined();
        expect(
          idsOf(family).some((sys) => fieldApplies(FIELD_BY_KEY[k], sys)),
          `${family}: ${k}`,
        ).toBe(true);
      }
  });

  it('gives every system a handful of basic fields and puts the rest under Advanced', () => {
    for (const sys of REGISTRY_IDS) {
      const all = FIELDS.filter((f) => fieldApplies(f, sys) && f.kind !== 'text');
      const basic = all.filter((f) => isBasic(f, sys));
      expect(basic.length, sys).toBeGreaterThanOrEqual(5);
      expect(basic.length, sys).toBeLessThanOrEqual(13);
      expect(all.length - basic.length, sys).toBeGreaterThan(0);
      for (const k of ['sys', 'width', 'reg', 'seed'])
        expect(isBasic(FIELD_BY_KEY[k], sys), `${sys}: ${k}`).toBe(true);
    }
  });

  it('reports no changed advanced field on any default configuration', () => {
    for (const sys of REGISTRY_IDS) expect(changedAdvanced(defaultConfig(sys)), sys).toEqual([]);
  });

  it('reports the advanced fields a link changes, and only those', () => {
    const { config } = parseQuery('sys=vanderpol&eps=0.2&dt=0.05&width=50', 'strict');
    expect(changedAdvanced(config).map((f) => f.key)).toEqual(['dt', 'eps']);
    const lorenz = parseQuery('sys=lorenz&rank=50&seed=3', 'strict').config;
    expect(changedAdvanced(lorenz).map((f) => f.key)).toEqual(['rank']);
  });
});
