/**
 * Extension point of the stage explanations (issue 12): views that go deeper into one stage (the
 * neuron view, grow-the-network, the Koopman eigenfunctions) are registered here and rendered, in
 * order, at the end of that stage's panel. Each receives no props and reads the run from the
 * store. They compute in a worker when mounted, so each sits behind a button: walking through the
 * stages costs nothing until a student asks for the deeper view.
 */
import { useState, type ComponentType, type ReactNode } from 'react';
import { GrowView } from './grow/GrowView';
import { NeuronView } from './neuron/NeuronView';
import type { StageId } from './overviewData';

/** A button that mounts its view on the first click (and hides it on the second). */
function OnDemand({
  label,
  testid,
  children,
}: {
  label: string;
  testid: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="explain-extra">
      <button
        type="button"
        className={open ? 'btn primary' : 'btn'}
        aria-expanded={open}
        data-testid={testid}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open && children}
    </div>
  );
}

function NeuronExtra() {
  return (
    <OnDemand label="Look inside one neuron" testid="stage-open-neuron">
      <NeuronView />
    </OnDemand>
  );
}

function GrowExtra() {
  return (
    <OnDemand label="Grow the network neuron by neuron" testid="stage-open-grow">
      <GrowView />
    </OnDemand>
  );
}

/**
 * The eigenfunction view lives in the analysis panel under the plots (one instance, its own
 * worker); the Spectrum stage points there and starts it.
 */
function EigenExtra() {
  const go = () => {
    const section = document.querySelector<HTMLElement>('[data-testid="eigen-section"]');
    if (!section) return;
    section.scrollIntoView({ behavior: 'smooth', block: 'start' });
    section
      .querySelector<HTMLButtonElement>('[data-testid="analysis-eigen"]:not(:disabled)')
      ?.click();
  };
  return (
    <div className="explain-extra">
      <p className="explain-lead">
        Each eigenvalue λ has an <b>eigenfunction</b> φ(x) = ξᴴψ(x) (ξ a left eigenvector of K): a
        function of the state that the dynamics multiply by λ every step, φ(x<sub>t+1</sub>) ≈ λφ(x
        <sub>t</sub>). For van der Pol the angle of the k = 1 eigenfunction is the phase on the
        limit cycle; its level lines are the isochrons.
      </p>
      <button type="button" className="btn" data-testid="stage-open-eigen" onClick={go}>
        Compute and show the eigenfunctions
      </button>
    </div>
  );
}

export const STAGE_EXTRAS: Partial<Record<StageId, ComponentType[]>> = {
  hidden: [NeuronExtra],
  lsq: [GrowExtra],
  spectrum: [EigenExtra],
};
