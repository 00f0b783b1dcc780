import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCompany, getCompany, getCompanyHistory, listCompanies, updateCompany } from '#companies/company-routes.ts';
import { inviteHrUser } from '#company-hr/hr-routes.ts';
import { correctNudDate } from '#housing-file/situation-routes.ts';
import { listJobRuns } from '#jobs/job-routes.ts';
import { createLandlord, getLandlord, inviteLandlordUser, listLandlords } from '#landlords/landlord-routes.ts';
import { listScoringGrids, publishScoringGrid } from '#scoring/scoring-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type CompanyDeclaration = RequestOf<typeof createCompany>['body'];
export type OperatorCompany = ResponseOf<typeof getCompany>;
export type CompanyHistory = ResponseOf<typeof getCompanyHistory>;
export type LandlordView = ResponseOf<typeof createLandlord>;
export type LandlordDetail = ResponseOf<typeof getLandlord>;
export type LandlordInvitation = RequestOf<typeof inviteLandlordUser>['body'];
export type ScoringGrids = ResponseOf<typeof listScoringGrids>;
export type PublishableGrid = RequestOf<typeof publishScoringGrid>['body'];
export type JobsView = ResponseOf<typeof listJobRuns>;
type NudCorrection = RequestOf<typeof correctNudDate>['body'];

const token = () => ({ token: currentToken() });

const companiesKey = ['operator', 'companies'] as const;
const companyKey = (siret: string) => ['operator', 'company', siret] as const;
const landlordsKey = ['operator', 'landlords'] as const;
const landlordKey = (landlordId: string) => ['operator', 'landlord', landlordId] as const;

/** The declared companies by name, a page at a time ("Afficher plus" reads the next one). */
export function useCompanyList() {
  return useInfiniteQuery({
    queryKey: companiesKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => callApi(listCompanies, { query: { limit: 50, ...(pageParam && { cursor: pageParam }) } }, token()),
    getNextPageParam: (page) => page.cursor,
  });
}

/** Declares a company (its eligibility is computed at once). */
export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyDeclaration) => callApi(createCompany, { body }, token()),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKey(company.siret), company);
      return queryClient.invalidateQueries({ queryKey: companiesKey });
    },
  });
}

export function useOperatorCompany(siret: string) {
  return useQuery({ queryKey: companyKey(siret), queryFn: () => callApi(getCompany, { params: { siret } }, token()) });
}

/** Updates the company's figures: the page shows the answer, the history and the list read again. */
export function useUpdateCompany(siret: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<typeof updateCompany>['body']) => callApi(updateCompany, { params: { siret }, body }, token()),
    onSuccess: (view) => {
      queryClient.setQueryData(companyKey(siret), view);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: [...companyKey(siret), 'history'] }),
        queryClient.invalidateQueries({ queryKey: companiesKey }),
      ]);
    },
  });
}

/** Every update of the company's figures: when, by whom, before and after. */
export function useCompanyHistory(siret: string) {
  return useQuery({
    queryKey: [...companyKey(siret), 'history'],
    queryFn: () => callApi(getCompanyHistory, { params: { siret } }, token()),
  });
}

/** Invites the company's HR contact: an account and an e-mail with a link to choose a password. */
export function useInviteHr(siret: string) {
  return useMutation({ mutationFn: (email: string) => callApi(inviteHrUser, { params: { siret }, body: { email } }, token()) });
}

/** The landlords by name, with their users counted by role, a page at a time. */
export function useLandlordList() {
  return useInfiniteQuery({
    queryKey: landlordsKey,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => callApi(listLandlords, { query: { limit: 50, ...(pageParam && { cursor: pageParam }) } }, token()),
    getNextPageParam: (page) => page.cursor,
  });
}

/** One landlord and its invited users. */
export function useLandlord(landlordId: string) {
  return useQuery({ queryKey: landlordKey(landlordId), queryFn: () => callApi(getLandlord, { params: { landlordId } }, token()) });
}

export function useCreateLandlord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<typeof createLandlord>['body']) => callApi(createLandlord, { body }, token()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: landlordsKey }),
  });
}

/** Invites a landlord's user: offer manager (`landlord`) or commission member; the lists read again. */
export function useInviteLandlordUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ landlordId, ...body }: LandlordInvitation & { landlordId: string }) =>
      callApi(inviteLandlordUser, { params: { landlordId }, body }, token()),
    onSuccess: (invitation) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: landlordsKey }),
        queryClient.invalidateQueries({ queryKey: landlordKey(invitation.landlordId) }),
      ]),
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
