/**
 * Business numbers in one place. They are defaults of the platform's rules (DESIGN §2); code
 * receives them as arguments so that tests and operators can use other values.
 */
export interface CompanyEligibilityRules {
  /** Rule R1: minimum headcount by sector. */
  readonly minimumHeadcount: { readonly private: number; readonly agricultural: number };
  /** Rule R1: the company must pay the employers' housing contribution (PEEC). */
  readonly contributionRequired: boolean;
}

/** Rule R3: registration. */
export const registrationRules = {
  /** How long the e-mailed link to choose a password stays valid. */
  passwordLinkValidityHours: 72,
  /** Version of the personal-data consent text shown at registration; stored with the consent. */
  consentTextVersion: '2026-01',
  /** A repeated registration e-mails a new link only if the last one is older than this. */
  passwordLinkResendAfterMinutes: 10,
  /**
   * Account e-mails (registration welcome, new link, attempt warnings, password resets) sent to one
   * address per day, at most (`identity/account-emails.ts`).
   */
  emailsPerAddressPerDay: 3,
  /** How long the link of a "Mot de passe oublié" e-mail stays valid: shorter than a welcome link. */
  passwordResetLinkValidityHours: 2,
} as const;

export const companyEligibilityRules: CompanyEligibilityRules = {
  minimumHeadcount: { private: 10, agricultural: 50 },
  contributionRequired: true,
};
