/**
 * The re-lifted network drawn as a recurrent network (METHOD.md §4): x_t → hidden h_t = ψ(x_t) →
 * output x̂_{t+1} = CK [h_t; 1], fed back as the next input. The sizes are this run's.
 */
import type { ReactNode } from 'react';

/** A subscript inside SVG text. */
function Sub({ children }: { children: ReactNode }) {
  return (
    <tspan baselineShift="sub" fontSize="0.72em">
      {children}
    </tspan>
  );
}

function Box({ x, fill, title, sub }: { x: number; fill: string; title: ReactNode; sub: string }) {
  return (
    <g>
      <rect x={x} y={40} width={170} height={72} rx={10} fill={fill} stroke="#1b1d21" />
      <text x={x + 85} y={70} textAnchor="middle" fontSize={18} fontWeight={700}>
        {title}
      </text>
      <text x={x + 85} y={96} textAnchor="middle" fontSize={14}>
        {sub}
      </text>
    </g>
  );
}

export function RnnDiagram({ d, M, inputs }: { d: number; M: number; inputs: number }) {
  return (
    <svg
      className="explain-rnn"
      viewBox="0 0 660 205"
      role="img"
      aria-label={`The re-lifted network as an RNN: input x_t in R^${d}, hidden layer of ${M} neurons, output x_{t+1} = CK [h_t; 1], fed back as the next input`}
      data-testid="rnn-diagram"
    >
      <defs>
        <marker
          id="rnn-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#1b1d21" />
        </marker>
        <marker
          id="rnn-arrow-back"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#d55e00" />
        </marker>
      </defs>
      <text x={330} y={22} textAnchor="middle" fontSize={14} fill="#50555e">
        recurrent weights W·CK ({M}×{M + 1}, rank ≤ {d}): none trained by gradients
      </text>
      <Box
        x={10}
        fill="#e8f3fa"
        title={
          <>
            x<Sub>t</Sub>
          </>
        }
        sub={`state, ${d} numbers`}
      />
      <Box
        x={245}
        fill="#fff6e0"
        title={
          <>
            h<Sub>t</Sub> = ψ(x<Sub>t</Sub>)
          </>
        }
        sub={`${M} neurons σ(Wx + b)`}
      />
      <Box
        x={480}
        fill="#e6f5ef"
        title={
          <>
            x̂<Sub>t+1</Sub> = CK [h<Sub>t</Sub>; 1]
          </>
        }
        sub={`next state, ${d} numbers`}
      />
      <line
        x1={180}
        y1={76}
        x2={243}
        y2={76}
        stroke="#1b1d21"
        strokeWidth={2}
        markerEnd="url(#rnn-arrow)"
      />
      <text x={211} y={66} textAnchor="middle" fontSize={14}>
        W, b
      </text>
      <line
        x1={415}
        y1={76}
        x2={478}
        y2={76}
        stroke="#1b1d21"
        strokeWidth={2}
        markerEnd="url(#rnn-arrow)"
      />
      <text x={446} y={66} textAnchor="middle" fontSize={14}>
        CK
      </text>
      <path
        d="M565,112 C565,168 95,168 95,114"
        fill="none"
        stroke="#d55e00"
        strokeWidth={2}
        strokeDasharray="6 4"
        markerEnd="url(#rnn-arrow-back)"
      />
      <text x={330} y={192} textAnchor="middle" fontSize={14} fill="#a33f00">
        fed back: each forecast is the next input{inputs > 0 ? ' (plus CB u_t)' : ''}
      </text>
    </svg>
  );
}
