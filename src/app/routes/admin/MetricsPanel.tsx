/** The three success metrics with their formulas, a chart each and the figures as a table. */
import { useEffect, useState } from 'react';
import { adminGet } from '../../../api/admin-client';
import type { Agreement } from '../../../domain/results/accuracy-delta';
import { BarChart } from './BarChart';
import { LineChart } from './LineChart';

interface Metrics {
  accuracyDelta: { formula: string; overall: Agreement; byArchetype: Array<{ key: string } & Agreement>; byReviewer: Array<{ key: string } & Agreement>; overTime: Array<{ day: string } & Agreement>;
    overTimeByArchetype: Array<{ key: string; points: Array<{ day: string } & Agreement> }>;
    interRater: Agreement;
  };
  friction: { formula: string; overall: { incidents: number; completions: number; score: number | null }; incidents: Array<{ interviewId: string; kind: string; at: number; detail: string | null }> };
  engagement: { formula: string; overall: { interactions: number; minutes: number; rate: number | null } };
}

const f = (x: number | null, d = 2) => (x === null ? '—' : x.toFixed(d));

export function MetricsPanel() {
  const [m, setM] = useState<Metrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminGet<Metrics>('/api/admin/metrics').then(setM, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p role="alert">Metrics: {error}</p>;
  if (!m) return <p>Loading metrics…</p>;
  const ad = m.accuracyDelta.overall;
  return (
    <section aria-labelledby="metrics-h" className="admin-metrics">
      <h2 id="metrics-h">Success metrics</h2>
      <h3>Accuracy Delta</h3>
      <p className="formula">{m.accuracyDelta.formula}</p>
      <p data-testid="accuracy-delta">
        Mean absolute difference {f(ad.meanAbsDiff, 3)}, signed {f(ad.signedMeanDiff, 3)}, Pearson r {f(ad.pearsonR, 3)}, n = {ad.n}. Between people: mean absolute difference{' '}
        {f(m.accuracyDelta.interRater.meanAbsDiff, 3)}, n = {m.accuracyDelta.interRater.n} pairs.
      </p>
      <BarChart title="Mean absolute difference by reviewer" bars={m.accuracyDelta.byReviewer.map((g) => ({ label: g.key, value: g.meanAbsDiff }))} max={5} />
      <BarChart title="Mean absolute difference by archetype" bars={m.accuracyDelta.byArchetype.map((g) => ({ label: g.key, value: g.meanAbsDiff }))} max={5} />
      <LineChart
        title="Accuracy Delta over time by archetype (mean absolute difference, cumulative)"
        xLabel="Day (UTC)"
        max={5}
        series={[
          ...m.accuracyDelta.overTimeByArchetype.map((g) => ({ name: g.key, points: g.points.map((p) => ({ x: p.day, y: p.meanAbsDiff })) })),
          ...(m.accuracyDelta.overTimeByArchetype.length > 1 ? [{ name: 'all archetypes', points: m.accuracyDelta.overTime.map((p) => ({ x: p.day, y: p.meanAbsDiff })) }] : []),
        ]}
      />
      <h3>Friction Score</h3>
      <p className="formula">{m.friction.formula}</p>
      <p data-testid="friction-score">
        {f(m.friction.overall.score)} ({m.friction.overall.incidents} incidents, {m.friction.overall.completions} completions)
      </p>
      <details>
        <summary>Incidents</summary>
        <ul>
          {m.friction.incidents.map((i) => (
            <li key={`${i.interviewId}-${i.at}-${i.kind}`}>
              {new Date(i.at).toLocaleString()}: {i.interviewId}, {i.kind}
              {i.detail ? ` (${i.detail})` : ''}
            </li>
          ))}
        </ul>
      </details>
      <h3>Engagement Rate</h3>
      <p className="formula">{m.engagement.formula}</p>
      <p data-testid="engagement-rate">
        {f(m.engagement.overall.rate)} interactions per minute ({m.engagement.overall.interactions} over {f(m.engagement.overall.minutes, 1)} minutes)
      </p>
    </section>
  );
}
