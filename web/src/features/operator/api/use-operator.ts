import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCompany, getCompany, getCompanyHistory } from '#companies/company-routes.ts';
import { inviteHrUser } from '#company-hr/hr-routes.ts';
import { correctNudDate } from '#housing-file/situation-routes.ts';
import { listJobRuns } from '#jobs/job-routes.ts';
import { createLandlord, inviteLandlordUser } from '#landlords/landlord-routes.ts';
import { listScoringGrids, publishScoringGrid } from '#scoring/scoring-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type CompanyDeclaration = RequestOf<typeof createCompany>['body'];
export type OperatorCompany = ResponseOf<typeof getCompany>;
export type CompanyHistory = ResponseOf<typeof getCompanyHistory>;
export type LandlordView = ResponseOf<typeof createLandlord>;
export type LandlordInvitation = RequestOf<typeof inviteLandlordUser>['body'];
export type ScoringGrids = ResponseOf<typeof listScoringGrids>;
export type PublishableGrid = RequestOf<typeof publishScoringGrid>['body'];
export type JobsView = ResponseOf<typeof listJobRuns>;
type NudCorrection = RequestOf<typeof correctNudDate>['body'];

const token = () => ({ token: currentToken() });

/** Declares a company (its eligibility is computed at once). */
export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyDeclaration) => callApi(createCompany, { body }, token()),
    onSuccess: (company) => queryClient.setQueryData(['operator', 'company', company.siret], company),
  });
}

export function useOperatorCompany(siret: string) {
  return useQuery({ queryKey: ['operator', 'company', siret], queryFn: () => callApi(getCompany, { params: { siret } }, token()) });
}

/** Every update of the company's figures: when, by whom, before and after. */
export function useCompanyHistory(siret: string) {
  return useQuery({
    queryKey: ['operator', 'company', siret, 'history'],
    queryFn: () => callApi(getCompanyHistory, { params: { siret } }, token()),
  });
}

/** Invites the company's HR contact: an account and an e-mail with a link to choose a password. */
export function useInviteHr(siret: string) {
  return useMutation({ mutationFn: (email: string) => callApi(inviteHrUser, { params: { siret }, body: { email } }, token()) });
}

export function useCreateLandlord() {
  return useMutation({ mutationFn: (body: RequestOf<typeof createLandlord>['body']) => callApi(createLandlord, { body }, token()) });
}

/** Invites a landlord's user: offer manager (`landlord`) or commission member. */
export function useInviteLandlordUser() {
  return useMutation({
    mutationFn: ({ landlordId, ...body }: LandlordInvitation & { landlordId: string }) =>
      callApi(inviteLandlordUser, { params: { landlordId }, body }, token()),
  });
}

const gridsKey = ['operator', 'scoring-grids'] as const;

export function useScoringGrids() {
  return useQuery({ queryKey: gridsKey, queryFn: () => callApi(listScoringGrids, {}, token()) });
}

export function usePublishGrid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishableGrid) => callApi(publishScoringGrid, { body }, token()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gridsKey }),
  });
}

export function useJobs() {
  return useQuery({ queryKey: ['operator', 'jobs'], queryFn: () => callApi(listJobRuns, {}, token()) });
}

/** Corrects the first registration date of an employee's NUD, from the registration certificate. */
export function useCorrectNud() {
  return useMutation({
    mutationFn: ({ employeeId, ...body }: NudCorrection & { employeeId: string }) =>
      callApi(correctNudDate, { params: { employeeId }, body }, token()),
  });
}
