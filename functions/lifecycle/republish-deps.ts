import { offerDeps } from '#offers/offer-deps.ts';
import { lifecycleDeps } from './lifecycle-deps.ts';
import type { RepublishDeps } from './republish.ts';

/** Republication: the lifecycle's deps and the offers area's, wired once per execution environment. */
export const republishDeps: RepublishDeps = { ...lifecycleDeps, offers: offerDeps };
