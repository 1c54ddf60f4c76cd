import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useOnline } from '../hooks/use-online';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { TestModelBanner } from './ai/TestModelBanner';

export function Layout({ children }: { children: ReactNode }) {
  const online = useOnline();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand" aria-label="InterQ home">
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          InterQ
        </Link>
        {!online && (
          <span className="offline-pill" role="status">
            Offline
          </span>
        )}
        {/* In the header's flow, not floating over the page: it never covers content or controls. */}
        <UpdatePrompt />
      </header>
      <TestModelBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
