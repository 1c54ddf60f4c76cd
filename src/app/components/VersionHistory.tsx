import type { PublishedVersion } from '../../domain/plan-edits';

/** Every published version, newest first: guests always get the latest, and nothing changes silently. */
export function VersionHistory({ history }: { history: readonly PublishedVersion[] }) {
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Published versions</h2>
      <ol reversed className="history" data-testid="version-history">
        {[...history].reverse().map((v) => (
          <li key={v.version}>
            Version {v.version} · {new Date(v.publishedAt).toLocaleString()} · {v.questionCount} questions · {v.changes}
          </li>
        ))}
      </ol>
    </section>
  );
}
