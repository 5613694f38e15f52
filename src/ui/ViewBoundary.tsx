import { Component, type ErrorInfo, type ReactNode } from 'react';
import { visibleText } from './visibleText';

/** What the boundary guards, for its message ("This plot could not be drawn: …"). */
export type ViewKind = 'plot' | 'metrics' | 'analysis' | 'settings' | 'results';

const SENTENCE: Record<ViewKind, string> = {
  plot: 'This plot could not be drawn',
  metrics: 'The metrics could not be shown',
  analysis: 'The analysis could not be shown',
  settings: 'The settings could not be shown',
  results: 'The results could not be shown',
};

/** The message a boundary shows for an error `err` thrown while rendering a view of `kind`. */
export function boundaryMessage(kind: ViewKind, err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  const short = reason.length > 300 ? `${reason.slice(0, 300)}…` : reason;
  return `${SENTENCE[kind]}: ${visibleText(short) || 'unknown error'}.`;
}

interface Props {
  kind: ViewKind;
  /** Names the part in the message's test id: `view-error-<id>`. */
  id: string;
  /** A new value (a new result) clears the error and renders the children again. */
  resetKey?: unknown;
  /** Extra class of the message box (e.g. the plot cell's frame). */
  className?: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  /** The resetKey the error happened under. */
  key: unknown;
  failed: boolean;
}

/**
 * An error boundary around one part of the page (a plot cell, the metrics, the analysis panel,
 * the settings): a render error in that part shows a message in its place, naming the reason,
 * and the rest of the page, the settings and the run state stay as they are (issue 16). The part
 * is rendered again when `resetKey` changes, i.e. for the next result.
 */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null, key: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (!state.failed) return { key: props.resetKey };
    // A new result after a failure: try again.
    if (props.resetKey !== state.key) return { error: null, failed: false, key: props.resetKey };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the page shows the message, never a stack.
    console.warn(`[${this.props.kind} ${this.props.id}]`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { kind, id, className } = this.props;
    return (
      <div
        className={['view-error', className].filter(Boolean).join(' ')}
        role="alert"
        data-testid={`view-error-${id}`}
        data-kind={kind}
      >
        {boundaryMessage(kind, this.state.error)}
      </div>
    );
  }
}
