/** De Nederlandse teksten van de beheerpagina's. */
import type { operationsEn } from './en.js';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const operationsNl: Shape<typeof operationsEn> = {
  nav: { deadLetters: 'Niet-bezorgde mail' },
  deadLetters: {
    title: 'Niet-bezorgde mail en gebeurtenissen',
    intro:
      'Hier heeft de outbox het opgegeven: de maildienst heeft ze definitief geweigerd (in zijn sandbox: een niet-geverifieerde ontvanger) of tien pogingen zijn mislukt. Los de oorzaak op en verstuur opnieuw: ze gaan één keer de deur uit, binnen een minuut.',
    none: 'Niets onbezorgd.',
    what: 'Wat',
    to: 'Aan',
    why: 'Waarom',
    when: 'Opgegeven',
    action: 'Actie',
    event: 'Gebeurtenis {{type}}',
    permanent: 'Geweigerd, niet herhaald',
    attempts_one: 'Opgegeven na {{count}} poging',
    attempts_other: 'Opgegeven na {{count}} pogingen',
    created: 'Geschreven {{at}}',
    replay: 'Opnieuw versturen',
    replayLabel: '{{id}} opnieuw versturen',
    replayed: '{{id}} wacht weer op bezorging: die volgt binnen een minuut.',
    gone: 'Dit is niet meer onbezorgd: het is intussen verstuurd.',
  },
  addresses: {
    title: 'Manageradressen die niet bezorgd konden worden',
    intro:
      'De maildienst meldde deze adressen van partnermanagers en regiodirecteuren als onbestelbaar of met een klacht. Verbeter het adres van de regio (opslaan van de regio wist de markering); een adres met een klacht krijgt geen mail meer.',
    none: 'Geen adres was onbestelbaar.',
    region: 'Regio',
    address: 'Adres',
    what: 'Wat er gebeurde',
    when: 'Wanneer',
    roles: { partnerManager: 'Partnermanager', regionalDirector: 'Regiodirecteur' },
    kinds: { bounced: 'Onbestelbaar', complained: 'Klacht: geen mail meer' },
  },
};
