import { pagePaths } from '#shared/page-paths.ts';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { signOut } from '#web/lib/auth.ts';
import { SiteFrame } from './site-frame.tsx';

export interface NavigationItem {
  readonly to: string;
  readonly label: string;
}

/**
 * Pages of a signed-in user: the navigation of their role(s), who is signed in, and log out.
 * `onIntent` hears a link pointed at, focused or touched: its page may load before the click.
 */
export function SignedInLayout({
  navigation,
  email,
  onIntent,
}: {
  navigation: readonly NavigationItem[];
  email: string;
  onIntent?: (to: string) => void;
}) {
  const navigate = useNavigate();
  const logOut = async () => {
    await signOut();
    navigate(pagePaths.login, { replace: true, state: { signedOut: true } });
  };
  return (
    <SiteFrame
      navigation={
        <nav className="site-nav" aria-label="Navigation de mon espace">
          <ul>
            {navigation.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end
                  onPointerEnter={() => onIntent?.(item.to)}
                  onFocus={() => onIntent?.(item.to)}
                  onTouchStart={() => onIntent?.(item.to)}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
            <li>
              <span className="muted">{email}</span>
            </li>
            <li>
              <button type="button" className="button button--link" onClick={logOut}>
                Se déconnecter
              </button>
            </li>
          </ul>
        </nav>
      }
    >
      <Outlet />
    </SiteFrame>
  );
}
