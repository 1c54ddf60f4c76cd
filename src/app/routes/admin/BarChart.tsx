/**
 * A small accessible bar chart (SVG, no library): the picture is one image with
 * a text label, and the same figures are always in the table beside it, which
 * keyboard and screen reader users read instead.
 */
export function BarChart({ title, bars, max, digits = 3 }: { title: string; bars: Array<{ label: string; value: number | null }>; max: number; digits?: number }) {
  const w = 320;
  const h = 24 * bars.length + 8;
  return (
    <figure className="bar-chart">
      <svg width={w} height={h} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value === null ? 'none' : b.value.toFixed(Math.min(digits, 2))}`).join(', ')}`}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0, ${4 + i * 24})`}>
            <text x={0} y={14} fontSize={12}>
              {b.label.slice(0, 18)}
            </text>
            <rect x={130} y={2} height={16} width={b.value === null || max <= 0 ? 0 : (Math.min(Math.abs(b.value), max) / max) * (w - 140)} fill="currentColor" />
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">{title.split(' by ')[1] ?? 'Group'}</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.value === null ? '—' : b.value.toFixed(digits)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
