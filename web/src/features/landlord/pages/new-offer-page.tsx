import { useNavigate } from 'react-router';
import { pagePath, pagePaths } from '#shared/page-paths.ts';
import { Page } from '#web/components/ui/page.tsx';
import { formErrorsOf, noErrors } from '#web/lib/form-errors.ts';
import { useCreateOffer } from '../api/use-offers.ts';
import { draftOf } from '../components/offer-input.ts';
import { OfferForm } from '../components/offer-form.tsx';

/** A new offer, saved as a draft: only its reference is needed; it is published from its page. */
export function NewOfferPage() {
  const create = useCreateOffer();
  const navigate = useNavigate();
  return (
    <Page title="Créer une offre">
      <p>L’offre est enregistrée en brouillon. Vous la publierez depuis sa page, une fois tous les champs remplis.</p>
      <OfferForm
        values={{}}
        errors={create.isError ? formErrorsOf(create.error) : noErrors}
        withReference
        submitLabel="Enregistrer le brouillon"
        pending={create.isPending}
        onSubmit={(form) =>
          create.mutate(draftOf(form), {
            onSuccess: (offer) => navigate(pagePath(pagePaths.landlordOffer, { offerId: offer.offerId }), { state: { saved: true } }),
          })
        }
      />
    </Page>
  );
}
