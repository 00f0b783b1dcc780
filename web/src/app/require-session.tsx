import { pagePaths } from '#shared/page-paths.ts';
import { useEffect, useMemo, useRef } from 'react';
import { Navigate, useLocation, useNavigation } from 'react-router';
import { SignedInLayout } from '#web/components/layouts/signed-in-layout.tsx';
import { Page } from '#web/components/ui/page.tsx';
import { restoreSessionOnce } from '#web/lib/auth.ts';
import { useSession } from '#web/lib/session.ts';
import type { LoginState } from '#web/features/auth/pages/login-page.tsx';
import { preloadPages, preloadWhenIdle } from './lazy-pages.tsx';
import { navigationFor } from './navigation.ts';
import { queryClient } from './query-client.ts';

/** While the session comes back after a full load (and a first page's loader runs). */
export function Restoring() {
  return (
    <div className="page" role="status">
      Chargement…
    </div>
  );
}

/** The signed-in shell, once a session exists; the login page (then back here) otherwise. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  useEffect(() => {
    if (session.status === 'restoring') void restoreSessionOnce();
  }, [session.status]);
  const roles = session.status === 'signed-in' ? session.session.roles : undefined;
  const navigation = useMemo(() => (roles ? navigationFor(roles) : []), [roles]);
  // The navigation's pages load while the user reads this one, so a click shows the next at once.
  // Not while a page loads or a request is awaited: the preload would delay what the user waits for.
  const navigationState = useNavigation().state;
  const routerState = useRef(navigationState);
  routerState.current = navigationState;
  useEffect(
    () =>
      preloadWhenIdle(
        navigation.map((item) => item.to),
        () => routerState.current !== 'idle' || queryClient.isFetching() > 0,
      ),
    [navigation],
  );
  if (session.status === 'restoring') return <Restoring />;
  if (session.status === 'signed-out') {
    const state: LoginState = { from: `${location.pathname}${location.search}` };
    return <Navigate to={pagePaths.login} replace state={state} />;
  }
  return <SignedInLayout navigation={navigation} email={session.session.email} onIntent={(to) => preloadPages([to])} />;
}

/** The page for an address that matches no page. */
export function NotFoundPage() {
  return (
    <Page title="Page introuvable" narrow>
      <p>L’adresse demandée ne correspond à aucune page. Vérifiez-la, ou repartez de l’accueil.</p>
      <p>
        <a href="/">Retour à l’accueil</a>
      </p>
    </Page>
  );
}
