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
};
