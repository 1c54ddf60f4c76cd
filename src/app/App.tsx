import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Link, Route, Routes, useParams } from 'react-router-dom';
import { Layout } from './components/Layout';
import { markFirstScreenInteractive } from './first-screen';
import { JoinPage } from './routes/JoinPage';
import { StorageRefused, useLinkToken } from './use-link-token';

// Each screen is its own chunk: a guest's first load never carries the host's
// question bank or planning code.
const HomePage = lazy(() => import('./routes/HomePage').then((m) => ({ default: m.HomePage })));
const CreateInterviewPage = lazy(() => import('./routes/CreateInterviewPage').then((m) => ({ default: m.CreateInterviewPage })));
const InterviewPage = lazy(() => import('./routes/InterviewPage').then((m) => ({ default: m.InterviewPage })));
const HostSessionPage = lazy(() => import('./routes/HostSessionPage').then((m) => ({ default: m.HostSessionPage })));
// The dashboard loads only on its own routes: never in the guest's first load.
const ResultsPage = lazy(() => import('./routes/admin/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const CandidatePage = lazy(() => import('./routes/admin/CandidatePage').then((m) => ({ default: m.CandidatePage })));
const ComparePage = lazy(() => import('./routes/admin/ComparePage').then((m) => ({ default: m.ComparePage })));

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
  const { ready, storageError } = useLinkToken();
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
          <Suspense fallback={<p role="status">Loading…</p>}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/create-interview" element={<CreateInterviewPage />} />
            <Route path="/interviews/:id" element={<InterviewPage />} />
            <Route path="/join/:id" element={<JoinRoute />} />
            <Route path="/session/:id" element={<HostSessionPage />} />
            <Route path="/admin/results" element={<ResultsPage />} />
            <Route path="/admin/results/:interview/:candidate" element={<CandidatePage />} />
            <Route path="/admin/compare" element={<ComparePage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
          </Suspense>
        )}
      </Layout>
    </BrowserRouter>
  );
}
