import { Navigate, useNavigate } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { PageLoadError, PageLoading } from '#web/components/ui/page-states.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { usePageOffer, useUpdateOffer } from '../api/use-offers.ts';
import { formValuesOf, patchOf } from '../components/offer-input.ts';
import { OfferForm } from '../components/offer-form.tsx';

/** A draft's change: every field sent, an empty one cleared. A published offer no longer changes. */
export function EditOfferPage() {
  const { offerId, offer } = usePageOffer();
  const update = useUpdateOffer(offerId);
  const navigate = useNavigate();
  if (offer.isPending) return <PageLoading title="Modifier l’offre" />;
  if (offer.isError)
    return (
      <PageLoadError title="Modifier l’offre" error={offer.error} back={{ to: pagePaths.landlordOffers, label: 'Retour à mes offres' }} />
    );
  if (offer.data.status !== 'DRAFT') return <Navigate to={pagePath(pagePaths.landlordOffer, { offerId })} replace />;
  return (
    <Page title={`Modifier l’offre ${offer.data.externalReference}`}>
      <OfferForm
        values={formValuesOf(offer.data)}
        errors={update.isError ? formErrorsOf(update.error) : noErrors}
        withReference={false}
        submitLabel="Enregistrer les modifications"
        pending={update.isPending}
        onSubmit={(form) =>
          update.mutate(patchOf(form), {
            onSuccess: () => navigate(pagePath(pagePaths.landlordOffer, { offerId }), { state: { saved: true } }),
          })
        }
      />
    </Page>
  );
}
