/**
 * Inside the network: the neuron view and "grow the network" as tabs of the analysis panel
 * (issue 12). Closed by default: nothing is computed until a tab is opened. The views themselves
 * are self-contained components (NeuronView, GrowView) that the stage explanations can embed.
 */
import { useState } from 'react';
import { GrowView } from './grow/GrowView';
import { NeuronView } from './neuron/NeuronView';
import './explain.css';

type Tab = 'neuron' | 'grow' | null;

const TABS: Array<{ tab: Exclude<Tab, null>; label: string; testid: string }> = [
  { tab: 'neuron', label: 'One neuron', testid: 'explain-neuron' },
  { tab: 'grow', label: 'Grow the network', testid: 'explain-grow' },
];

export function ExplainTabs() {
  const [tab, setTab] = useState<Tab>(null);
  return (
    <div className="inside-panel" data-testid="inside-network">
      <h3>
        Inside the network{' '}
        <span className="analysis-sub">
          what one sampled neuron computes, and what adding them buys
        </span>
      </h3>
      <div className="explain-tabs" role="tablist">
        {TABS.map(({ tab: t, label, testid }) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'btn primary' : 'btn'}
            data-testid={testid}
            onClick={() => setTab(tab === t ? null : t)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'neuron' && <NeuronView />}
      {tab === 'grow' && <GrowView />}
    </div>
  );
}
