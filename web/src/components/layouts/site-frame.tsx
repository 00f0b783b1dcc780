import { type ReactNode, useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';

/**
 * The frame of every page: a skip link, the header (brand and the given navigation), the main
 * region the skip link reaches, and the footer.
 */
/** The address shown last, across layouts (public and signed-in frames are distinct components). */
let shownPath: string | undefined;

export function SiteFrame({ navigation, children }: { navigation: ReactNode; children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // After a navigation inside the app (not the first page), focus moves to the new content, as a
  // page load would reset it: a screen reader reads the new page, the keyboard starts from there.
  useEffect(() => {
    if (shownPath !== undefined && shownPath !== pathname) main.current?.focus();
    shownPath = pathname;
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link className="site-brand" to="/">
            Alin <span>logement des salariés</span>
          </Link>
          {navigation}
        </div>
      </header>
      <main id="contenu" tabIndex={-1} ref={main}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>Alin — logement social pour les salariés des entreprises qui versent la participation des employeurs (PEEC).</p>
        </div>
      </footer>
    </>
  );
}
