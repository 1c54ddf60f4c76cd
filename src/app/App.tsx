import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { captureLinkToken } from '../auth/credentials';
import { Layout } from './components/Layout';

// Each screen is its own chunk: a guest's first load never carries the host's
// question bank or planning code.
const HomePage = lazy(() => import('./routes/HomePage').then((m) => ({ default: m.HomePage })));
const CreateInterviewPage = lazy(() => import('./routes/CreateInterviewPage').then((m) => ({ default: m.CreateInterviewPage })));
const InterviewPage = lazy(() => import('./routes/InterviewPage').then((m) => ({ default: m.InterviewPage })));
const HostSessionPage = lazy(() => import('./routes/HostSessionPage').then((m) => ({ default: m.HostSessionPage })));
// The dashboard loads only on its own routes: never in the guest's first load.
const ResultsPage = lazy(() => import('./routes/admin/ResultsPage').then((m) => ({ default: m.ResultsPage })));
const CandidatePage = lazy(() => import('./routes/admin/CandidatePage').then((m) => ({ default: m.CandidatePage })));
const JoinPage = lazy(() => import('./routes/JoinPage').then((m) => ({ default: m.JoinPage })));

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
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<string | null>(null);
  useEffect(() => {
    captureLinkToken().then(
      () => setReady(true),
      (err: unknown) => {
        setStorageError((err as Error).message);
        setReady(true);
      },
    );
  }, []);

  return (
    <BrowserRouter>
      <Layout>
        {storageError && (
          <p className="error" role="alert">
            This browser would not let InterQ store data ({storageError}). Private windows can block storage; open the link in a normal window.
          </p>
        )}
        {!ready ? (
          <p role="status">Loading…</p>
        ) : (
          <Suspense fallback={<p role="status">Loading…</p>}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/create-interview" element={<CreateInterviewPage />} />
            <Route path="/interviews/:id" element={<InterviewPage />} />
            <Route path="/join/:id" element={<JoinPage />} />
            <Route path="/session/:id" element={<HostSessionPage />} />
            <Route path="/admin/results" element={<ResultsPage />} />
            <Route path="/admin/results/:interview/:candidate" element={<CandidatePage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
          </Suspense>
        )}
      </Layout>
    </BrowserRouter>
  );
}
