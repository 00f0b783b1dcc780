import { accountTemplates } from './account-templates.ts';
import { lifecycleTemplates } from './lifecycle-templates.ts';
import { noticeTemplates } from './notice-templates.ts';
import { nudCorrectionTemplates } from './nud-correction-templates.ts';
import type { TemplateName } from './outbox.ts';
import { signature, type Renderer } from './rendered-email.ts';

/** French e-mail templates, one per notification kind. Params are plain strings from the outbox item. */
export const templates: Record<TemplateName, Renderer> = {
  ...lifecycleTemplates,
  ...accountTemplates,
  ...noticeTemplates,
  ...nudCorrectionTemplates,
  'company-declared': (params) => ({
    subject: 'Votre entreprise est déclarée sur la plateforme logement',
    text:
      `Bonjour,\n\nL’entreprise ${params.companyName ?? ''} (SIRET ${params.siret ?? ''}) est désormais déclarée ` +
      'sur la plateforme. Vos salariés peuvent s’inscrire avec ce SIRET pour candidater aux offres de logement social.' +
      signature,
  }),
  'registration-welcome': (params) => ({
    subject: 'Votre inscription : choisissez votre mot de passe',
    text:
      `Bonjour ${params.firstName ?? ''},\n\nVous vous êtes inscrit(e) sur la plateforme logement des salariés. ` +
      `Pour créer votre compte, choisissez votre mot de passe avec ce lien (valable jusqu’au ${params.validUntil ?? ''}) :\n\n` +
      `${params.link ?? ''}\n\n${params.passwordPolicy ?? ''}` +
      signature,
  }),
  'registration-attempt': (params) => ({
    subject: 'Tentative d’inscription avec votre adresse e-mail',
    text:
      'Bonjour,\n\nQuelqu’un a tenté de créer un compte sur la plateforme logement des salariés avec votre adresse ' +
      'e-mail, qui a déjà un compte. Aucun compte n’a été créé.\n\nSi c’était vous, connectez-vous avec votre mot de ' +
      `passe ; si vous l’avez oublié, choisissez-en un nouveau ici :\n\n${params.lostPasswordLink ?? ''}\n\n` +
      'Si ce n’était pas vous, vous pouvez ignorer ce message : votre compte n’a pas changé.' +
      signature,
  }),
  'registration-nud-used': (params) => ({
    subject: 'Votre numéro de demande de logement a été utilisé dans une inscription',
    text:
      `Bonjour ${params.firstName ?? ''},\n\nQuelqu’un a tenté de créer un compte sur la plateforme logement des ` +
      'salariés avec le numéro unique de demande de logement social rattaché à votre compte. Aucun compte n’a été ' +
      'créé et votre dossier n’a pas changé.\n\nSi c’était vous avec une autre adresse e-mail, connectez-vous avec ' +
      `celle-ci ; si vous avez oublié votre mot de passe, choisissez-en un nouveau ici :\n\n${params.lostPasswordLink ?? ''}` +
      signature,
  }),
  'company-hr-invited': (params) => ({
    subject: 'Vous êtes invité(e) comme contact RH sur la plateforme logement',
    text:
      `Bonjour,\n\nVous êtes désormais le contact RH de l’entreprise ${params.companyName ?? ''} ` +
      `(SIRET ${params.siret ?? ''}) sur la plateforme logement des salariés. Vous pourrez y voir les salariés ` +
      'inscrits avec ce SIRET, confirmer ou non qu’ils travaillent dans l’entreprise et les recommander.\n\n' +
      `Pour activer votre compte, choisissez votre mot de passe avec ce lien (valable jusqu’au ${params.validUntil ?? ''}) :\n\n` +
      `${params.link ?? ''}\n\n${params.passwordPolicy ?? ''}` +
      signature,
  }),
  'landlord-user-invited': (params) => ({
    subject: 'Vous êtes invité(e) sur la plateforme logement pour votre organisme bailleur',
    text:
      `Bonjour,\n\nVous êtes invité(e) sur la plateforme logement des salariés pour le bailleur ${params.landlordName ?? ''}, ` +
      `en tant que ${params.roleLabel ?? ''}.\n\n` +
      `Pour activer votre compte, choisissez votre mot de passe avec ce lien (valable jusqu’au ${params.validUntil ?? ''}) :\n\n` +
      `${params.link ?? ''}\n\n${params.passwordPolicy ?? ''}` +
      signature,
  }),
  'nud-reminder': (params) => ({
    subject: `Votre demande de logement social expire le ${params.expiresOn ?? ''} : pensez à la renouveler`,
    text:
      `Bonjour ${params.firstName ?? ''},\n\nVotre demande de logement social (numéro unique ${params.nud ?? ''}) ` +
      `expire le ${params.expiresOn ?? ''} (dans ${params.daysLeft ?? ''} jour(s)). Renouvelez-la auprès du service ` +
      'd’enregistrement, puis déclarez la date du renouvellement sur la plateforme :\n\n' +
      `${params.link ?? ''}\n\nSans renouvellement, vous ne pourrez plus candidater aux offres de logement.` +
      signature,
  }),
  'nud-expired': (params) => ({
    subject: 'Votre demande de logement social a expiré',
    text:
      `Bonjour ${params.firstName ?? ''},\n\nVotre demande de logement social (numéro unique ${params.nud ?? ''}) ` +
      `a expiré le ${params.expiresOn ?? ''} : vous ne pouvez plus candidater aux offres de logement. ` +
      'Renouvelez-la auprès du service d’enregistrement, puis déclarez la date du renouvellement sur la plateforme :\n\n' +
      `${params.link ?? ''}` +
      signature,
  }),
  'new-offers-digest': (params) => ({
    subject: `${params.count ?? ''} nouvelle(s) offre(s) de logement pour vous`,
    text:
      `Bonjour ${params.firstName ?? ''},\n\n${params.count ?? ''} offre(s) de logement social publiée(s) depuis notre dernier envoi ` +
      'correspond(ent) à vos critères de recherche, et vous pouvez y candidater :\n\n' +
      `${params.offers ?? ''}\n` +
      (params.more && params.more !== '0' ? `\n… et ${params.more} autre(s) offre(s), à voir sur la plateforme.\n` : '') +
      `\nToutes vos offres : ${params.link ?? ''}\n` +
      `Les candidatures sont ouvertes pendant une durée limitée après la publication.\n\n` +
      `Vous recevez ce message parce que vous avez demandé les alertes de nouvelles offres ; pour ne plus les recevoir : ${params.settingsLink ?? ''}` +
      signature,
  }),
};
