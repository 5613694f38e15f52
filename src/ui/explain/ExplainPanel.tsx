/**
 * The stage explanations (issue 12): one panel per stage of the method with its equations
 * (KaTeX), this run's numbers and plain words; Prev/Next buttons and ←/→ step through the stages
 * while the panel is open (./stepKeys.ts); Esc closes it.
 * Views registered in STAGE_EXTRAS (./extras.ts) are appended to their stage's panel.
 */
import { useEffect, useRef, type ComponentType } from 'react';
import type { RunResult } from '../../run/result';
import { useExplain } from './explainState';
import { STAGE_EXTRAS } from './extras';
import { STAGE_IDS, STAGE_TITLES, type StageId } from './overviewData';
import { DataStage } from './stages/DataStage';
import { ForecastStage } from './stages/ForecastStage';
import { HiddenStage } from './stages/HiddenStage';
import { LeastSquaresStage } from './stages/LeastSquaresStage';
import { SpectrumStage } from './stages/SpectrumStage';

const STAGE_VIEWS: Record<StageId, ComponentType<{ result: RunResult }>> = {
  data: DataStage,
  hidden: HiddenStage,
  lsq: LeastSquaresStage,
  spectrum: SpectrumStage,
  forecast: ForecastStage,
};

export function ExplainPanel({ result }: { result: RunResult }) {
  const open = useExplain((s) => s.open);
  const step = useExplain((s) => s.step);
  const close = useExplain((s) => s.close);
  const headRef = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    // Bring the panel's head into view when a stage opens (on a projector it may be below), and
    // keep the keyboard focus on the current node when it was on the overview.
    headRef.current?.scrollIntoView?.({ block: 'nearest' });
    const focused = document.activeElement as HTMLElement | null;
    if (open && focused?.dataset.testid?.startsWith('overview-node-'))
      document.querySelector<HTMLElement>(`[data-testid="overview-node-${open}"]`)?.focus();
  }, [open]);
  if (!open) return null;
  const k = STAGE_IDS.indexOf(open);
  const View = STAGE_VIEWS[open];
  const extras = STAGE_EXTRAS[open] ?? [];
  return (
    <section
      className="explain-panel"
      aria-label={`Stage ${k + 1}: ${STAGE_TITLES[open]}`}
      data-testid="explain-panel"
      data-stage={open}
    >
      <header className="explain-panel-head">
        <h3 ref={headRef}>
          <span className="explain-node-num">{k + 1}</span> {STAGE_TITLES[open]}
          <span className="explain-of">
            {' '}
            · stage {k + 1} of {STAGE_IDS.length}
          </span>
        </h3>
        <div className="explain-panel-nav">
          <button
            type="button"
            className="btn"
            data-testid="explain-prev"
            onClick={() => step(-1)}
            disabled={k === 0}
            aria-keyshortcuts="ArrowLeft"
          >
            ← Prev
          </button>
          <button
            type="button"
            className="btn"
            data-testid="explain-next"
            onClick={() => step(1)}
            disabled={k === STAGE_IDS.length - 1}
            aria-keyshortcuts="ArrowRight"
          >
            Next →
          </button>
          <button
            type="button"
            className="btn"
            data-testid="explain-close"
            onClick={close}
            aria-keyshortcuts="Escape"
          >
            Close
          </button>
        </div>
      </header>
      <div className="explain-body" data-testid={`explain-stage-${open}`}>
        <View result={result} />
        {extras.map((Extra, j) => (
          <Extra key={j} />
        ))}
      </div>
    </section>
  );
}
