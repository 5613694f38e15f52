/**
 * Settings of a gradient baseline (docs/METHOD.md, "Gradient baselines"): which recurrent cell,
 * its size, Adam's step, the truncated-BPTT window, the batch and the time budget. Not part of a
 * run's link: the baseline is trained on demand next to the run on screen. Parsed from the CLI's
 * `--bptt=lstm[,gru][,budget=30][,units=32]…` and checked with a message naming the field and its
 * range (never NaN through).
 */

export type BpttCell = 'lstm' | 'gru';
export const BPTT_CELLS: readonly BpttCell[] = ['lstm', 'gru'];

export interface BpttSettings {
  cell: BpttCell;
  /** Hidden units of the recurrent layer. */
  units: number;
  /** Adam's learning rate. */
  lr: number;
  /** Truncated-BPTT window: snapshot pairs per training sequence (state reset at each window). */
  window: number;
  /** Windows per Adam step. */
  batch: number;
  /** Training wall-time budget, s (evaluations for the learning curve not counted). */
  budget: number;
}

/** The best setting of issue 13's reference search (LSTM 32, Adam 3e-3, windows of 50). */
export const BPTT_DEFAULTS: Omit<BpttSettings, 'cell'> = {
  units: 32,
  lr: 3e-3,
  window: 50,
  batch: 32,
  budget: 30,
};

/** Bounds of each numeric setting (integers where `int`). */
export const BPTT_BOUNDS: Record<
  keyof Omit<BpttSettings, 'cell'>,
  { min: number; max: number; int: boolean }
> = {
  units: { min: 2, max: 256, int: true },
  lr: { min: 1e-5, max: 0.1, int: false },
  window: { min: 2, max: 500, int: true },
  batch: { min: 1, max: 512, int: true },
  budget: { min: 1, max: 3600, int: false },
};

/** A setting's value checked against its bounds; throws a RangeError naming it otherwise. */
export function checkSetting(
  key: keyof typeof BPTT_BOUNDS,
  value: number,
  shown: string = String(value),
): number {
  const b = BPTT_BOUNDS[key];
  if (
    !Number.isFinite(value) ||
    value < b.min ||
    value > b.max ||
    (b.int && !Number.isInteger(value))
  )
    throw new RangeError(
      `${key} must be ${b.int ? 'an integer' : 'a number'} in [${b.min}, ${b.max}], got ${shown}`,
    );
  return value;
}

/** Settings with defaults filled in and every value checked. */
export function bpttSettings(cell: BpttCell, over: Partial<BpttSettings> = {}): BpttSettings {
  if (!BPTT_CELLS.includes(cell))
    throw new RangeError(`cell must be one of ${BPTT_CELLS.join(', ')}, got '${String(cell)}'`);
  const s = { ...BPTT_DEFAULTS, ...over, cell };
  for (const key of Object.keys(BPTT_BOUNDS) as Array<keyof typeof BPTT_BOUNDS>)
    checkSetting(key, s[key]);
  return s;
}

/**
 * The CLI's `--bptt=` value: cells (lstm, gru, both in any order) and key=value settings, comma
 * separated, e.g. `lstm,gru,budget=30`. Returns one settings object per cell.
 */
export function parseBpttSpec(spec: string): BpttSettings[] {
  const cells: BpttCell[] = [];
  const over: Partial<Record<keyof typeof BPTT_BOUNDS, number>> = {};
  for (const token of spec.split(',').map((t) => t.trim())) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) {
      if (!BPTT_CELLS.includes(token as BpttCell))
        throw new RangeError(`--bptt: cell must be lstm or gru, got '${token}'`);
      if (!cells.includes(token as BpttCell)) cells.push(token as BpttCell);
      continue;
    }
    const key = token.slice(0, eq) as keyof typeof BPTT_BOUNDS;
    const raw = token.slice(eq + 1);
    if (!(key in BPTT_BOUNDS))
      throw new RangeError(
        `--bptt: unknown setting '${key}' (settings: ${Object.keys(BPTT_BOUNDS).join(', ')})`,
      );
    const value = raw.trim() === '' ? NaN : Number(raw);
    try {
      over[key] = checkSetting(key, value, `'${raw}'`);
    } catch (e) {
      throw new RangeError(`--bptt: ${(e as Error).message}`, { cause: e });
    }
  }
  if (cells.length === 0) throw new RangeError('--bptt needs a cell: lstm, gru or lstm,gru');
  return cells.map((c) => bpttSettings(c, over));
}
