/** One equation of a stage explanation, typeset, with what it says in plain words beside it. */
import type { ReactNode } from 'react';
import { Tex } from './Tex';

export function Eq({ tex, children }: { tex: string; children: ReactNode }) {
  return (
    <div className="explain-eq">
      <div className="explain-eq-math">
        <Tex tex={tex} display />
      </div>
      <div className="explain-plain">{children}</div>
    </div>
  );
}

/** A term explained in plain words ("Koopman matrix: …"). */
export function Term({ name, children }: { name: string; children: ReactNode }) {
  return (
    <span className="explain-term">
      <b>{name}</b>: {children}
    </span>
  );
}
