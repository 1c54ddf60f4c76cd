import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { JoinApp, joinPathId } from './app/JoinApp';
import './app/styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
const root = createRoot(rootElement);
const joinId = joinPathId(window.location.pathname);

// An invite link opens JoinApp, which is in the first load with the guest's technical check (issue #18: a
// candidate on a thin link waits for nothing else). Every other screen goes through the router, its own chunk.
if (joinId !== null) {
  root.render(
    <StrictMode>
      <JoinApp interviewId={joinId} />
    </StrictMode>,
  );
} else {
  // Rendered once its chunk has arrived rather than through <Suspense>: React holds back content that replaces a
  // Suspense fallback until 300 ms after the fallback showed (its fallback throttle), a wait for nothing here.
  root.render(<p role="status">Loading…</p>);
  import('./app/App').then(
    ({ App }) =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    (err: unknown) =>
      root.render(
        <p role="alert">
          InterQ could not be loaded ({err instanceof Error ? err.message : String(err)}). Check the connection and reload the page.
        </p>,
      ),
  );
}
