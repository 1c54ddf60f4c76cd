import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { JoinApp, joinPathId } from './app/JoinApp';
import './app/styles.css';

// An invite link opens JoinApp, which is in the first load with the guest's technical check (issue #18: a
// candidate on a thin link waits for nothing else). Every other screen goes through the router, its own chunk.
const App = lazy(() => import('./app/App').then((m) => ({ default: m.App })));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const joinId = joinPathId(window.location.pathname);
createRoot(root).render(
  <StrictMode>
    {joinId !== null ? (
      <JoinApp interviewId={joinId} />
    ) : (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <App />
      </Suspense>
    )}
  </StrictMode>,
);
