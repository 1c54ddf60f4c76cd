import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { BrowserRouter, Link, matchPath, Route, Routes, useParams } from 'react-router-dom';
import { Layout } from './components/Layout';
import { markFirstScreenInteractive } from './first-screen';
import { lazyRoute, type LazyScreen } from './lazy-route';
import { RouteErrorBoundary } from './route-error-boundary';
import { JoinPage } from './routes/JoinPage';
import { captureLinkTokenThroughDexie } from '../auth/credentials';
import { StorageRefused, useLinkToken } from './use-link-token';

// Each screen is its own chunk: a guest's first load never carries the host's
// question bank or planning code. A failed import is retried (lazy-route.tsx).
const HomePage = lazyRoute('start', () => import('./routes/HomePage').then((m) => m.HomePage));
const CreateInterviewPage = lazyRoute('planning', () => import('./routes/CreateInterviewPage').then((m) => m.CreateInterviewPage));
const InterviewPage = lazyRoute('interview', () => import('./routes/InterviewPage').then((m) => m.InterviewPage));
const HostSessionPage = lazyRoute('live session', () => import('./routes/HostSessionPage').then((m) => m.HostSessionPage));
// The dashboard loads only on its own routes: never in the guest's first load.
const ResultsPage = lazyRoute('results', () => import('./routes/admin/ResultsPage').then((m) => m.ResultsPage));
const CandidatePage = lazyRoute('candidate', () => import('./routes/admin/CandidatePage').then((m) => m.CandidatePage));
const ComparePage = lazyRoute('solution analysis', () => import('./routes/admin/ComparePage').then((m) => m.ComparePage));

/** The lazily loaded screens by path (the routes below, besides the invite path and "not found"). */
const SCREENS: ReadonlyArray<{ path: string; Component: LazyScreen<object> }> = [
  { path: '/', Component: HomePage },
  { path: '/create-interview', Component: CreateInterviewPage },
  { path: '/interviews/:id', Component: InterviewPage },
  { path: '/session/:id', Component: HostSessionPage },
  { path: '/admin/results', Component: ResultsPage },
  { path: '/admin/results/:interview/:candidate', Component: CandidatePage },
  { path: '/admin/compare', Component: ComparePage },
];

// The screen the address names starts loading now, beside the link's token being stored, instead of after the
// first render: opening a screen then costs one chunk round trip less. The routes render once it is here (or its
// import failed: the route's boundary then says so), so it never suspends behind a Suspense fallback, which React
// would hold for 300 ms.
const firstScreen = SCREENS.find((s) => matchPath(s.path, window.location.pathname))?.Component.preload() ?? Promise.resolve();

/** Every route's screen has its own error boundary and loading state: a failure says what happened, never a blank page. */
function Screen({ children }: { children: ReactNode }) {
  return (
    <RouteErrorBoundary>
      <Suspense fallback={<p role="status">Loading…</p>}>{children}</Suspense>
    </RouteErrorBoundary>
  );
}

/** An invite path reached inside the app (opened from the address bar it goes to JoinApp, see main.tsx). */
function JoinRoute() {
  const { id } = useParams<{ id: string }>();
  return <JoinPage id={id} />;
}

function NotFound() {
  return (
    <section className="card narrow">
      <h1>Page not found</h1>
      <Link to="/">Go to the start page</Link>
    </section>
  );
}

export function App() {
  // A link's token must be stored before any screen asks for it.
  const { ready: tokenReady, storageError } = useLinkToken(captureLinkTokenThroughDexie);
  const [screenReady, setScreenReady] = useState(false);
  useEffect(() => {
    void firstScreen.then(() => setScreenReady(true));
  }, []);
  const ready = tokenReady && screenReady;
  // Staff screens are not what the first-load budget is about: deferred work may start once they render.
  useEffect(() => {
    if (ready) markFirstScreenInteractive();
  }, [ready]);

  return (
    <BrowserRouter>
      <Layout>
        {storageError && <StorageRefused message={storageError} />}
        {!ready ? (
          <p role="status">Loading…</p>
        ) : (
          <Routes>
            {SCREENS.map(({ path, Component }) => (
              <Route key={path} path={path} element={<Screen><Component /></Screen>} />
            ))}
            <Route path="/join/:id" element={<Screen><JoinRoute /></Screen>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        )}
      </Layout>
    </BrowserRouter>
  );
}
