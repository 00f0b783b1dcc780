import { useMutation } from '@tanstack/react-query';
import { getCompanyEligibility } from '#companies/company-routes.ts';
import { callApi } from '#web/lib/api-client.ts';

/** Whether the company of a SIRET is eligible (public route). */
export function useEligibilityCheck() {
  return useMutation({
    mutationFn: (siret: string) => callApi(getCompanyEligibility, { params: { siret } }),
  });
}
