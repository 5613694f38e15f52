import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './state/wiring';
import { App } from './ui/App';
import { loadPlotly } from './ui/plots/loadPlotly';
import { PLOT_IDS } from './ui/plots/registry';
import './ui/styles/index.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startApp({ plotIds: PLOT_IDS });
// Fetch Plotly while the first run computes in the worker, after the controls have painted.
requestAnimationFrame(() => setTimeout(() => void loadPlotly(), 0));
