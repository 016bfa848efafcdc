/**
 * A dealer's lead KPIs for a period (SPEC §4): leads offered to it, how many it accepted and converted, and the
 * median time from offer to acceptance. Counted by the offer's date, so one lead counts in the quarter it was
 * offered; a recalled (lapsed) offer counts as offered, not accepted. Pure.
 */
import type { StoredOffer } from './lead.js';
import type { KpiPeriod } from './partner-kpis.js';

export interface LeadKpis {
  offered: number;
  accepted: number;
  converted: number;
  /** Median hours from offer to acceptance of the accepted ones; null when none was accepted. */
  medianHoursToAccept: number | null;
}

export function leadKpis(offers: Pick<StoredOffer, 'offeredAt' | 'acceptedAt' | 'status'>[], period: KpiPeriod): LeadKpis {
  const inPeriod = offers.filter((o) => o.offeredAt.slice(0, 10) >= period.start && o.offeredAt.slice(0, 10) <= period.end);
  const accepted = inPeriod.filter((o) => o.acceptedAt !== undefined);
  const hours = accepted.map((o) => (Date.parse(o.acceptedAt as string) - Date.parse(o.offeredAt)) / 3_600_000).sort((a, b) => a - b);
  const middle = Math.floor(hours.length / 2);
  const median =
    hours.length === 0
      ? null
      : hours.length % 2
        ? (hours[middle] as number)
        : ((hours[middle - 1] as number) + (hours[middle] as number)) / 2;
  return {
    offered: inPeriod.length,
    accepted: accepted.length,
    converted: inPeriod.filter((o) => o.status === 'converted').length,
    medianHoursToAccept: median === null ? null : Math.round(median * 10) / 10,
  };
}
