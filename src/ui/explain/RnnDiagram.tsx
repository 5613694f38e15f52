/**
 * The re-lifted network drawn as a recurrent network (METHOD.md §4): x_t → hidden h_t = ψ(x_t) →
 * output x̂_{t+1} = CK [h_t; 1], fed back as the next input. The sizes are this run's.
 */
export function RnnDiagram({ d, M, inputs }: { d: number; M: number; inputs: number }) {
  const box = (x: number, label: string, sub: string, fill: string) => (
    <g>
      <rect x={x} y={40} width={150} height={70} rx={10} fill={fill} stroke="#1b1d21" />
      <text x={x + 75} y={70} textAnchor="middle" fontSize={17} fontWeight={700}>
        {label}
      </text>
      <text x={x + 75} y={94} textAnchor="middle" fontSize={14}>
        {sub}
      </text>
    </g>
  );
  return (
    <svg
      className="explain-rnn"
      viewBox="0 0 640 190"
      role="img"
      aria-label={`The re-lifted network as an RNN: input x_t in R^${d}, hidden layer of ${M} tanh neurons, output x_{t+1} = CK [h_t; 1], fed back as the next input`}
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
      </defs>
      {box(10, 'x_t', `state, ${d} numbers`, '#e8f3fa')}
      {box(245, 'h_t = ψ(x_t)', `${M} neurons σ(Wx+b)`, '#fff6e0')}
      {box(480, 'x̂_{t+1}', `= CK [h_t; 1]`, '#e6f5ef')}
      <line
        x1={160}
        y1={75}
        x2={243}
        y2={75}
        stroke="#1b1d21"
        strokeWidth={2}
        markerEnd="url(#rnn-arrow)"
      />
      <text x={202} y={66} textAnchor="middle" fontSize={14}>
        W, b
      </text>
      <line
        x1={395}
        y1={75}
        x2={478}
        y2={75}
        stroke="#1b1d21"
        strokeWidth={2}
        markerEnd="url(#rnn-arrow)"
      />
      <text x={437} y={66} textAnchor="middle" fontSize={14}>
        CK
      </text>
      <path
        d="M555,110 C555,175 85,175 85,112"
        fill="none"
        stroke="#d55e00"
        strokeWidth={2}
        strokeDasharray="6 4"
        markerEnd="url(#rnn-arrow)"
      />
      <text x={320} y={165} textAnchor="middle" fontSize={14} fill="#a33f00">
        fed back: the forecast is the next input{inputs > 0 ? ' (plus CB u_t)' : ''}
      </text>
      <text x={320} y={22} textAnchor="middle" fontSize={14} fill="#50555e">
        recurrent weights W·CK ({M}×{M + 1}, rank ≤ {d}) — none trained by gradients
      </text>
    </svg>
  );
}
