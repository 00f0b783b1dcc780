import { useEffect } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCompany, updateCompany } from '#companies/company-routes.ts';
import { decideEmployment, listCompanyEmployees, recommendEmployee, withdrawRecommendation } from '#company-hr/hr-routes.ts';
import { callApi, type RequestOf, type ResponseOf } from '#web/lib/api-client.ts';
import { currentToken } from '#web/lib/session.ts';

export type CompanyEmployee = ResponseOf<typeof listCompanyEmployees>['employees'][number];
type CompanyUpdate = RequestOf<typeof updateCompany>['body'];
type EmploymentDecision = RequestOf<typeof decideEmployment>['body'];

const employeesKey = (siret: string) => ['company', siret, 'employees'] as const;
const companyKey = (siret: string) => ['company', siret] as const;

/** Pages read on their own before "Afficher plus": the newest registrations, last in the API's order, are the ones awaiting. */
export const autoPages = 20;

/**
 * The employees who registered with the company's SIRET (oldest registration first, as the API
 * gives them). Up to `autoPages` pages of 100 are read at once, so that the employees awaiting
 * confirmation, and the counts, are all there; beyond, the page offers to read more.
 */
export function useCompanyEmployees(siret: string) {
  const query = useInfiniteQuery({
    queryKey: employeesKey(siret),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      callApi(
        listCompanyEmployees,
        { params: { siret }, query: { limit: 100, ...(pageParam && { cursor: pageParam }) } },
        { token: currentToken() },
      ),
    getNextPageParam: (page) => page.cursor,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  const loaded = query.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError && loaded > 0 && loaded < autoPages) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, loaded, fetchNextPage]);
  return query;
}

/** Confirms (or not, with a reason given to the employee) that an employee works in the company. */
export function useDecideEmployment(siret: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ employeeId, ...body }: EmploymentDecision & { employeeId: string }) =>
      callApi(decideEmployment, { params: { siret, employeeId }, body }, { token: currentToken() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeesKey(siret) }),
  });
}

/** Recommends an employee (a scoring criterion), or withdraws the recommendation. */
export function useRecommendation(siret: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ employeeId, recommend }: { employeeId: string; recommend: boolean }) =>
      recommend
        ? callApi(recommendEmployee, { params: { siret, employeeId } }, { token: currentToken() })
        : callApi(withdrawRecommendation, { params: { siret, employeeId } }, { token: currentToken() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeesKey(siret) }),
  });
}

/** The company's figures and its eligibility, explained criterion by criterion. */
export function useCompany(siret: string) {
  return useQuery({ queryKey: companyKey(siret), queryFn: () => callApi(getCompany, { params: { siret } }, { token: currentToken() }) });
}

/** Updates the company's figures; the answer (the company and its eligibility before and after) becomes the page's data. */
export function useUpdateCompany(siret: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyUpdate) => callApi(updateCompany, { params: { siret }, body }, { token: currentToken() }),
    onSuccess: (view) => queryClient.setQueryData(companyKey(siret), view),
  });
}
