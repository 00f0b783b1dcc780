import type { LifecycleTemplateName } from './lifecycle-templates.ts';
import type { NoticeTemplateName } from './notice-templates.ts';
import { newNotification, type Notification } from './outbox.ts';
import { pagePath, pagePaths, pageUrl } from '#shared/page-paths.ts';

/**
 * The outbox e-mails of the offer lifecycle, to an applicant or to a landlord's users. They take
 * plain data (an application and an offer fit these shapes as they are), since notifications sit
 * below the areas that own them.
 */

/** What names the dwelling in an e-mail: « T3 – Les Tilleuls – Lyon 3e Arrondissement ». */
export interface Dwelling {
  readonly typology?: string;
  readonly residenceName?: string;
  readonly commune?: string;
  readonly communeName?: string;
}

export type ApplicantTemplate = Extract<LifecycleTemplateName | NoticeTemplateName, `application-${string}`>;
export type LandlordTemplate = Exclude<LifecycleTemplateName, ApplicantTemplate>;

const dwellingLabel = (dwelling: Dwelling) =>
  [dwelling.typology, dwelling.residenceName, dwelling.communeName ?? dwelling.commune].filter(Boolean).join(' – ');

/** The e-mail to an applicant about his application, at the contact copied on it when he applied. */
export function applicantEmail(
  application: { readonly contact: { readonly email: string; readonly firstName: string }; readonly offer: Dwelling },
  template: ApplicantTemplate,
  params: Record<string, string>,
  at: string,
  appUrl: string,
): Notification {
  return newNotification({
    template,
    to: application.contact.email,
    params: {
      firstName: application.contact.firstName,
      offer: dwellingLabel(application.offer),
      link: pageUrl(appUrl, pagePath(pagePaths.applications)),
      ...params,
    },
    createdAt: at,
  });
}

/** The e-mails to a landlord's users (`recipients`) about one of its offers. */
export function landlordEmails(
  recipients: readonly string[],
  offer: Dwelling & { readonly offerId: string; readonly externalReference: string },
  template: LandlordTemplate,
  params: Record<string, string>,
  at: string,
  appUrl: string,
): Notification[] {
  return recipients.map((to) =>
    newNotification({
      template,
      to,
      params: {
        reference: offer.externalReference,
        offer: dwellingLabel(offer),
        link: pageUrl(appUrl, pagePath(pagePaths.landlordOffer, { offerId: offer.offerId })),
        ...params,
      },
      createdAt: at,
    }),
  );
}
