import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { AppFrame } from './AppFrame';

/** The frame with the router's home link (every screen but the invite page, see JoinApp). */
export function Layout({ children }: { children: ReactNode }) {
  return (
    <AppFrame
      brand={
        <Link to="/" className="brand" aria-label="InterQ home">
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          <span className="brand-name">InterQ</span>
        </Link>
      }
    >
      {children}
    </AppFrame>
  );
}
