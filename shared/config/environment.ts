/** Settings every function reads from its environment, resolved once per cold start. */
export const environment = {
  get tableName(): string {
    const name = process.env.TABLE_NAME;
    if (!name) throw new Error('TABLE_NAME is not set');
    return name;
  },
  get mailFrom(): string {
    return process.env.MAIL_FROM ?? 'no-reply@dealer-channel.example';
  },
  /** The SES configuration set every send names (reputation metrics, bounce and complaint events); unset locally. */
  get sesConfigurationSet(): string | undefined {
    return process.env.SES_CONFIGURATION_SET || undefined;
  },
  get publicBaseUrl(): string {
    return process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
  },
  /** The partner portal, where the buttons of mails that decide nothing lead; the API's address until one is set. */
  get portalBaseUrl(): string {
    return process.env.PORTAL_BASE_URL ?? this.publicBaseUrl;
  },
  /** Unset locally: events then go to the in-process journal of the local stack. */
  get eventBusName(): string | undefined {
    return process.env.EVENT_BUS_NAME || undefined;
  },
  get reviewLinkTtlHours(): number {
    return Number(process.env.REVIEW_LINK_TTL_HOURS ?? 72);
  },
};
