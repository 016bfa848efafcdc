/** Die deutschen Texte der Betriebsseiten. */
import type { operationsEn } from './en.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const operationsDe: Shape<typeof operationsEn> = {
  nav: { deadLetters: 'Nicht zugestellte Mails' },
  deadLetters: {
    title: 'Nicht zugestellte Mails und Ereignisse',
    intro:
      'Hier hat der Postausgang aufgegeben: Der Mail-Dienst hat sie endgültig abgelehnt (in seiner Sandbox: ein nicht bestätigter Empfänger) oder zehn Versuche sind fehlgeschlagen. Beheben Sie die Ursache und senden Sie erneut: Sie gehen einmal hinaus, binnen einer Minute.',
    none: 'Nichts unzugestellt.',
    what: 'Was',
    to: 'An',
    why: 'Warum',
    when: 'Aufgegeben',
    action: 'Aktion',
    event: 'Ereignis {{type}}',
    permanent: 'Abgelehnt, nicht wiederholt',
    attempts_one: 'Aufgegeben nach {{count}} Versuch',
    attempts_other: 'Aufgegeben nach {{count}} Versuchen',
    created: 'Geschrieben {{at}}',
    replay: 'Erneut senden',
    replayLabel: '{{id}} erneut senden',
    replayed: '{{id}} wartet wieder auf Zustellung: Sie erfolgt binnen einer Minute.',
    gone: 'Das ist nicht mehr unzugestellt: Es ist inzwischen hinausgegangen.',
  },
  addresses: {
    title: 'Manager-Adressen mit Unzustellbarkeit',
    intro:
      'Der Mail-Dienst hat diese Adressen von Partner-Managern und Regionaldirektoren als unzustellbar oder mit Beschwerde gemeldet. Korrigieren Sie die Adresse der Region (das Speichern der Region hebt die Markierung auf); an eine Adresse mit Beschwerde geht keine Mail mehr.',
    none: 'Keine Adresse war unzustellbar.',
    region: 'Region',
    address: 'Adresse',
    what: 'Was geschah',
    when: 'Wann',
    roles: { partnerManager: 'Partner-Manager', regionalDirector: 'Regionaldirektor' },
    kinds: { bounced: 'Unzustellbar', complained: 'Beschwerde: keine weiteren Mails' },
  },
};
