/**
 * Numbers of the applications area, as configuration: code receives them as arguments so that
 * tests and operators can use other values.
 */
export interface ApplicationRules {
  /**
   * How many applications an employee may hold in an active status (submitted, selected,
   * ranked, offered) at once. Default 5: enough to try several neighbourhoods in one week,
   * few enough that one employee does not crowd the robot's shortlists.
   */
  readonly maxActiveApplications: number;
  /** Default and maximum page sizes of "Mes candidatures". */
  readonly pageSize: { readonly default: number; readonly max: number };
}

export const applicationRules: ApplicationRules = {
  maxActiveApplications: 5,
  pageSize: { default: 20, max: 100 },
};

/** The answer of rule R7, word for word. */
export const appliedMessage = 'Ce logement a bien été ajouté à votre candidature';
