import { Link, useSearchParams } from 'react-router';
import { pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { tabOf, tabParams, tabs, useOfferTab } from '../api/use-offers.ts';
import { tabLabels } from '../components/labels.ts';
import { MissingSteps } from '../components/missing-steps.tsx';
import { OfferCard } from '../components/offer-card.tsx';

/** The offers the employee can apply to, in three tabs with their counts; or what is missing first. */
export function OffersPage() {
  const [search] = useSearchParams();
  const tab = tabOf(search.get('onglet'));
  const pages = useOfferTab(tab);
  if (pages.isPending) return <PageLoading title="Offres de logement" />;
  if (pages.isError) return <PageLoadError title="Offres de logement" error={pages.error} />;
  const first = pages.data.pages[0];
  const offers = pages.data.pages.flatMap((page) => page.offers);
  if (first?.missing?.length) {
    return (
      <Page title="Offres de logement">
        <MissingSteps steps={first.missing} message={first.message} />
      </Page>
    );
  }
  const counts = first?.counts ?? { requested: 0, neighbouring: 0, department: 0 };
  return (
    <Page title="Offres de logement">
      <nav className="tabs" aria-label="Onglets des offres">
        <ul>
          {tabs.map((each) => (
            <li key={each}>
              <Link to={`${pagePaths.offers}?onglet=${tabParams[each]}`} aria-current={each === tab ? 'page' : undefined}>
                {tabLabels[each]} ({counts[each]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="visually-hidden">{tabLabels[tab]}</h2>
      {first?.message && <p>{first.message}</p>}
      {offers.length === 0 ? (
        <p>Aucune offre ouverte dans cet onglet pour le moment.</p>
      ) : (
        <ul className="plain-list" aria-label={`Offres : ${tabLabels[tab]}`}>
          {offers.map((offer) => (
            <OfferCard key={offer.offerId} offer={offer} />
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          Voir plus d’offres
        </button>
      )}
      <p className="muted">
        <Link to={pagePaths.alerts}>Recevoir les nouvelles offres par e-mail</Link>
      </p>
    </Page>
  );
}
