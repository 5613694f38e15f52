/**
 * What the schema's fields share: the per-system defaults read from the registry, and the limits
 * that keep a run inside memory and a few seconds of compute (with the reason shown).
 */
import { entryOf, isRegistered } from './registry';

/** A field default taken from the system's registry entry, else `fallback`. */
export const sysDefault =
  (key: string, fallback: number) =>
  (sys: string): number =>
    (isRegistered(sys) ? entryOf(sys).defaults[key] : undefined) ?? fallback;

/** Limits that keep a run inside memory and a few seconds of compute, with the reason shown. */
export const LIMITS = {
  maxTrainPairs: 400_000,
  maxWidth: 3000,
  reasonWidth: 'the Gram matrix and Koopman matrix need 8·(width+1)² bytes each',
  reasonPairs: 'training data are held in memory and every pair costs width² operations',
  /** Controlled runs keep K untruncated: its spectrum costs O((M+1)³) (width 1000: about 2 s). */
  maxControlledWidth: 1000,
  reasonControlledWidth: 'K is kept whole there, and its eigenvalues cost (width+1)³ operations',
} as const;
