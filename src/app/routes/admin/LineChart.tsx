/**
 * A small accessible line chart (SVG, no library): one line per series over shared x labels (days). The picture is
 * one image with a text summary; the same figures are always in the table beside it, which keyboard and screen
 * reader users read instead. Series are told apart by dash pattern as well as colour.
 */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];
const COLOURS = ['#1f5fa8', '#b5461b', '#2f7d32', '#6a3d9a', '#8a6d00'];

export function LineChart({ title, xLabel, series, max }: { title: string; xLabel: string; series: Array<{ name: string; points: Array<{ x: string; y: number | null }> }>; max: number }) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort();
  const w = 360;
  const h = 160;
  const pad = { left: 28, right: 8, top: 8, bottom: 20 };
  const xAt = (i: number) => pad.left + (xs.length <= 1 ? (w - pad.left - pad.right) / 2 : (i / (xs.length - 1)) * (w - pad.left - pad.right));
  const yAt = (y: number) => pad.top + (1 - Math.min(Math.max(y, 0), max) / max) * (h - pad.top - pad.bottom);
  const last = (s: (typeof series)[number]) => [...s.points].reverse().find((p) => p.y !== null);
  const summary = series.map((s) => `${s.name}: ${last(s)?.y?.toFixed(2) ?? 'none'} on ${last(s)?.x ?? '—'}`).join('; ');
  return (
    <figure className="line-chart">
      <svg width={w} height={h} role="img" aria-label={`${title}. Latest: ${summary || 'no data'}`}>
        <line x1={pad.left} y1={h - pad.bottom} x2={w - pad.right} y2={h - pad.bottom} stroke="currentColor" strokeWidth={0.5} />
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={h - pad.bottom} stroke="currentColor" strokeWidth={0.5} />
        <text x={2} y={pad.top + 8} fontSize={10}>
          {max}
        </text>
        <text x={2} y={h - pad.bottom} fontSize={10}>
          0
        </text>
        {series.map((s, k) => {
          const pts = s.points.filter((p) => p.y !== null).map((p) => `${xAt(xs.indexOf(p.x))},${yAt(p.y!)}`);
          return (
            <g key={s.name}>
              <polyline points={pts.join(' ')} fill="none" stroke={COLOURS[k % COLOURS.length]} strokeWidth={2} strokeDasharray={DASHES[k % DASHES.length]} />
              {pts.map((p) => (
                <circle key={p} cx={p.split(',')[0]} cy={p.split(',')[1]} r={2.5} fill={COLOURS[k % COLOURS.length]} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}
        {series.length > 1 && (
          <span className="legend">
            {' '}
            ({series.map((s, k) => `${s.name}: ${['solid', 'dashed', 'dotted', 'dash-dot', 'fine dots'][k % DASHES.length]} line`).join(', ')})
          </span>
        )}
      </figcaption>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}, as a table`}>
        <table>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xs.map((x) => (
              <tr key={x}>
                <th scope="row">{x}</th>
                {series.map((s) => {
                  const y = s.points.find((p) => p.x === x)?.y;
                  return <td key={s.name}>{y === undefined || y === null ? '—' : y.toFixed(3)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
