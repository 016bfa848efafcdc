/** The operations pages' English texts (the `operations` block of every language). */
export const operationsEn = {
  nav: { deadLetters: 'Undelivered mail' },
  deadLetters: {
    title: 'Undelivered mail and events',
    intro:
      'The outbox gave up on these: the mail service refused them for good (in its sandbox, an unverified recipient) or ten attempts failed. Fix the cause, then replay: it goes out once, within a minute.',
    none: 'Nothing undelivered.',
    what: 'What',
    to: 'To',
    why: 'Why',
    when: 'Given up',
    action: 'Action',
    event: 'Event {{type}}',
    permanent: 'Refused, not retried',
    attempts_one: 'Gave up after {{count}} attempt',
    attempts_other: 'Gave up after {{count}} attempts',
    created: 'Written {{at}}',
    replay: 'Replay',
    replayLabel: 'Replay {{id}}',
    replayed: '{{id}} is back on the waiting list: it goes out within a minute.',
    gone: 'It is no longer undelivered: it went out meanwhile.',
  },
  addresses: {
    title: 'Manager addresses that bounced',
    intro:
      'The mail service reported these addresses of partner managers and regional directors as bounced or complaining. Correct the region’s address (saving the region clears the flag); a complaining address gets no further mail.',
    none: 'No address has bounced.',
    region: 'Region',
    address: 'Address',
    what: 'What happened',
    when: 'When',
    roles: { partnerManager: 'Partner manager', regionalDirector: 'Regional director' },
    kinds: { bounced: 'Bounced', complained: 'Complained: no further mail' },
  },
};
