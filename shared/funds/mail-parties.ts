/** Who fund mails go to and where they link: the region's partner manager in the region's language; portal pages. */
import { environment } from '../config/environment.js';
import { type FundMailRecipient, fundLinks } from '../notifications/fund-mails.js';
import type { Language } from '../schemas/setup.js';

export const managerOf = (region: { partnerManagerEmail: string; language?: Language | undefined }): FundMailRecipient => ({
  email: region.partnerManagerEmail,
  language: region.language,
});

export const links = () => fundLinks(environment.portalBaseUrl);
