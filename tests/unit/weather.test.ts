import { describe, expect, it } from 'vitest';
import { parseQuery, serializeQuery } from '../../src/run/query';
import { runPipeline } from '../../src/run/pipeline';
import { climatology, persistence, targetTruth } from '../../src/sources/series/baselines';
import { trainStandardiser } from '../../src/sources/series/embed';
import { weatherPlan, weatherTable } from '../../src/sources/series/weather';
import { weatherSource } from '../../src/cli/seriesSource';

const source = weatherSource();
const run = (q: string) => {
  const { config, errors } = parseQuery(q, 'strict');
  expect(errors).toEqual([]);
  return runPipeline(config, { series: source });
};
const defaults = { vars: 'temp_max,temp_min', delay: 7, trainFrom: 2012, trainTo: 2014 };

describe('weather records', () => {
  const seattle = weatherTable(source.text, 'seattle');

  it('has 1461 dated days per city with the four variables in their units', () => {
    expect(seattle.rows).toBe(1461);
    expect(seattle.names).toEqual(['temp_max', 'temp_min', 'precipitation', 'wind']);
    expect(seattle.units).toEqual(['°C', '°C', 'mm', 'm/s']);
    expect(seattle.dates![0].text).toBe('2012-01-01');
    expect(seattle.dates![1460].text).toBe('2015-12-31');
    // First Seattle row of vega-datasets' weather.csv: 2012-01-01, 12.8 °C max, 4.7 m/s wind.
    expect(seattle.columns[0][0]).toBe(12.8);
    expect(seattle.columns[3][0]).toBe(4.7);
    expect(weatherTable(source.text, 'new_york').rows).toBe(1461);
  });

  it('trains on the chosen years and forecasts every day of the test year', () => {
    const p = weatherPlan(seattle, { city: 'seattle', ...defaults, testYear: 2015 });
    // 2012 (leap) + 2013 + 2014 = 1096 days; 2015 = 365 targets.
    expect([p.trainStart, p.trainEnd, p.targetStart, p.targetEnd]).toEqual([0, 1095, 1096, 1460]);
    // Test year 2012 (before the training years): the first 13 days lack a full 7-day origin window.
    const early = weatherPlan(seattle, {
      city: 'seattle',
      ...defaults,
      trainFrom: 2013,
      trainTo: 2015,
      testYear: 2012,
    });
    expect([early.trainStart, early.targetStart, early.targetEnd]).toEqual([366, 13, 365]);
    expect(() => weatherPlan(seattle, { city: 'seattle', ...defaults, testYear: 2013 })).toThrow(
      'the test year 2013 must not be one of the training years 2012–2014',
    );
  });

  it('standardises with the training years only, and the baselines are what they say', () => {
    const p = weatherPlan(seattle, { city: 'seattle', ...defaults, testYear: 2015 });
    const st = trainStandardiser(p);
    let s = 0;
    for (let r = 0; r <= 1095; r++) s += seattle.columns[0][r];
    expect(st.mean[0]).toBeCloseTo(s / 1096, 12);
    // Persistence h days ahead is the value h days before; the truth is the target's own value.
    const truth = targetTruth(p);
    const p7 = persistence(p, 7);
    expect(p7[10 * 2]).toBe(truth[3 * 2]);
    // Climatology follows the seasons: mid-July is warmer than mid-January by > 10 °C.
    const clim = climatology(p);
    expect(clim[195 * 2] - clim[14 * 2]).toBeGreaterThan(10);
    // …and is the plain mean of the training years' values within ±7 days of that day of year.
    let sum = 0;
    for (const start of [0, 366, 731])
      for (let k = 0; k <= 7; k++) sum += seattle.columns[0][start + k];
    for (const end of [365, 730, 1095])
      for (let k = 0; k < 7; k++) sum += seattle.columns[0][end - k];
    expect(clim[0]).toBeCloseTo(sum / 45, 12);
  });
});

describe('sys=weather, default configuration', () => {
  for (const city of ['seattle', 'new_york']) {
    it(`${city}: the RNN beats persistence on 1-day temp_max, deterministically`, () => {
      const r = run(`sys=weather&city=${city}`);
      const m = r.metrics.series!;
      expect(m.variables).toEqual(['temp_max', 'temp_min']);
      expect(m.horizons).toEqual([1, 7]);
      expect(m.rnn[0][0]!).toBeLessThan(m.persistence[0][0]);
      // Plausible magnitudes (°C²): day-to-day weather is not predictable to better than ~1 °C.
      expect(m.rnn[0][0]!).toBeGreaterThan(1);
      expect(m.climatology[0][0]).toBe(m.climatology[1][0]);
      expect(r.series!.dates![0]).toBe('2015-01-01');
      expect(r.series!.count).toBe(365);
      const again = run(`sys=weather&city=${city}`);
      expect(JSON.stringify(again.metrics)).toBe(JSON.stringify(r.metrics));
    });
  }

  it('random features run on the same data and report the same kinds of numbers', () => {
    const m = run('sys=weather&sampler=random').metrics.series!;
    for (const row of [...m.rnn[0], ...m.rnn[1]]) expect(Number.isFinite(row)).toBe(true);
  });

  it('says so in the warnings when a baseline wins', () => {
    // One variable, one day of history and a tiny network: climatology wins at 7 days.
    const r = run('sys=weather&vars=precipitation&delay=1&width=5');
    const m = r.metrics.series!;
    const lost = r.warnings.filter((w) => /loses to (climatology|persistence)/.test(w));
    const expected = m.horizons.flatMap((_, k) => [
      ...(m.rnn[k][0]! > m.persistence[k][0] ? ['persistence'] : []),
      ...(m.rnn[k][0]! > m.climatology[k][0] ? ['climatology'] : []),
    ]);
    expect(expected.length).toBeGreaterThan(0);
    expect(lost.length).toBe(expected.length);
  });
});

describe('weather and csv query keys', () => {
  it('stores variables in a canonical order and keeps list commas readable', () => {
    const { config, errors } = parseQuery('sys=weather&vars=wind,temp_min&city=new_york', 'strict');
    expect(errors).toEqual([]);
    expect(config.vars).toBe('temp_min,wind');
    expect(serializeQuery(config)).toBe('v=2&sys=weather&city=new_york&vars=temp_min,wind');
    const csv = parseQuery('sys=csv&file=my%20data.csv&cols=b,a&delay=3', 'strict');
    expect(serializeQuery(csv.config)).toBe('v=2&sys=csv&file=my%20data.csv&cols=b,a&delay=3');
  });

  it.each([
    [
      'sys=weather&vars=snow',
      /vars must be a comma list of temp_max, temp_min, precipitation, wind/,
    ],
    ['sys=weather&vars=temp_max,temp_max', /repeated item/],
    ['sys=weather&vars=', /vars must be a comma list/],
    ['sys=weather&testyear=2013', /testyear 2013 must not be one of the training years 2012–2014/],
    [
      'sys=weather&trainfrom=2014&trainto=2013&testyear=2015',
      /trainto 2013 is before trainfrom 2014/,
    ],
    ['sys=csv&delay=0', /delay must be an integer in \[1, 60\]/],
    ['sys=csv&split=1', /split must be a number in \[0.1, 0.95\]/],
  ])('strict mode rejects %s', (q, re) => {
    expect(parseQuery(q, 'strict').errors[0]?.message).toMatch(re);
  });

  it('lenient mode falls back to the default years', () => {
    const r = parseQuery('sys=weather&testyear=2012&trainfrom=2012', 'lenient');
    expect([r.config.trainfrom, r.config.trainto, r.config.testyear]).toEqual([2012, 2014, 2015]);
    expect(r.notices[0].message).toMatch(/using the default years/);
  });
});
