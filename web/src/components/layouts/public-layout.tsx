import { NavLink, Outlet } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { useSession } from '#web/lib/session.ts';
import { SiteFrame } from './site-frame.tsx';

/** Public pages: who is eligible, the SIRET check, registration, log in. */
export function PublicLayout() {
  const session = useSession();
  return (
    <SiteFrame
      navigation={
        <nav className="site-nav" aria-label="Navigation principale">
          <ul>
            <li>
              <NavLink to={pagePaths.eligibility}>Vérifier mon employeur</NavLink>
            </li>
            {session.status === 'signed-in' ? (
              <li>
                <NavLink to={pagePaths.dashboard}>Mon espace</NavLink>
              </li>
            ) : (
              <>
                <li>
                  <NavLink to={pagePaths.register}>Créer mon compte</NavLink>
                </li>
                <li>
                  <NavLink to={pagePaths.login}>Se connecter</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      }
    >
      <Outlet />
    </SiteFrame>
  );
}
