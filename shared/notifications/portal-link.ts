/** Addresses in the partner portal that mails lead to (the one button of a mail that decides nothing itself). */
import { environment } from '../config/environment.js';

export const portalLink = (path = '/') => `${environment.portalBaseUrl}${path}`;

/** Who a mail goes to, and the language it is written in (default English). */
export interface Recipient {
  email: string;
  language?: 'en' | 'de' | 'nl' | undefined;
}
