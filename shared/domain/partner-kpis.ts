/**
 * The partner program's KPIs per dealer and period (SPEC §4), as pure formulas over the monthly inputs (ERP revenue,
 * training, marketing, support, satisfaction, portal logins) and the dealer's own registrations. No clock, no AWS.
 *
 * Money comes out in minor units of the program's reporting currency; amounts without an exchange rate are left out
 * and counted in `unconverted`. Ratios are fractions from 0 to 1 (4 decimals); `null` means "no data to say".
 */

import type { Money } from '../schemas/common.js';
import type { Program } from '../schemas/setup.js';
import { monthsBetween } from './calendar.js';
import { toReportingCurrency } from './money.js';
import type { RegistrationStatus } from './registration.js';

// ── Periods ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A run of whole months: a quarter `2026-Q2`, a year `2026`, or a range of months (improvement plans). */
export interface KpiPeriod {
  label: string;
  /** `YYYY-MM`, in order. */
  months: string[];
  /** First and last day, `YYYY-MM-DD`, inclusive. */
  start: string;
  end: string;
}

export const PERIOD_PATTERN = /^\d{4}(-Q[1-4])?$/;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

export function monthRange(from: string, to: string, label = `${from}..${to}`): KpiPeriod {
  const months = monthsBetween(from, to);
  if (months.length === 0) throw new RangeError(`Empty month range ${from}..${to}`);
  return { label, months, start: `${from}-01`, end: lastDayOf(to) };
}

/** `2026-Q2` or `2026` as a period; throws RangeError for anything else. */
export function parsePeriod(label: string): KpiPeriod {
  if (!PERIOD_PATTERN.test(label)) throw new RangeError(`${label} is not a period YYYY-Qn or YYYY`);
  const year = label.slice(0, 4);
  if (label.length === 4) return monthRange(`${year}-01`, `${year}-12`, label);
  const q = Number(label.slice(6));
  return monthRange(`${year}-${pad(q * 3 - 2)}`, `${year}-${pad(q * 3)}`, label);
}

const shiftMonth = (month: string, byMonths: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + byMonths;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
};

/** The same months one year earlier: what year-over-year growth compares with. */
export function yearBefore(period: KpiPeriod): KpiPeriod {
  const from = shiftMonth(period.months[0] as string, -12);
  const to = shiftMonth(period.months.at(-1) as string, -12);
  return monthRange(
    from,
    to,
    PERIOD_PATTERN.test(period.label) ? `${Number(period.label.slice(0, 4)) - 1}${period.label.slice(4)}` : `${from}..${to}`,
  );
}

export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

/** The last quarter that ended before `at` (UTC): what a tier evaluation at `at` is for. */
export function lastCompletedQuarter(at: Date): string {
  return quarterOf(shiftMonth(at.toISOString().slice(0, 7), -3));
}

/** The four quarters ending with `quarter`: the window a tier evaluation scores. */
export function trailingYear(quarter: string): KpiPeriod {
  const end = parsePeriod(quarter).months.at(-1) as string;
  return monthRange(shiftMonth(end, -11), end, `4 quarters to ${quarter}`);
}

export const quartersIn = (period: KpiPeriod) => period.months.length / 3;

const inPeriod = (date: string | undefined, period: KpiPeriod) =>
  date !== undefined && date.slice(0, 10) >= period.start && date.slice(0, 10) <= period.end;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const ratio = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface RevenueMonth {
  month: string;
  lines: { productLine: string; amount: number; currency: string }[];
}
/** One snapshot of the dealer's users' training: modules assigned and completed (user × module). */
export interface TrainingMonth {
  month: string;
  users: number;
  assigned: number;
  completed: number;
}
export interface MarketingMonth {
  month: string;
  campaigns: { campaignId: string; participated: boolean }[];
}
/** Sales-asset downloads of a month (counted by `GET /assets/{id}/download`): all of them, and distinct assets. */
export interface DownloadMonth {
  month: string;
  downloads: number;
  assets: number;
}
export interface SupportMonth {
  month: string;
  tickets: number;
}
export interface SatisfactionMonth {
  month: string;
  responses: number;
  /** 0–100: the share of satisfied responses, or a survey score on that scale. */
  score: number;
}
export interface LoginMonth {
  month: string;
  count: number;
}

export interface MonthlyInputs {
  revenue: RevenueMonth[];
  training: TrainingMonth[];
  marketing: MarketingMonth[];
  downloads: DownloadMonth[];
  support: SupportMonth[];
  satisfaction: SatisfactionMonth[];
  logins: LoginMonth[];
}

export const emptyInputs = (): MonthlyInputs => ({
  revenue: [],
  training: [],
  marketing: [],
  downloads: [],
  support: [],
  satisfaction: [],
  logins: [],
});

/** The registration fields the KPIs read. */
export interface RegistrationFacts {
  status: RegistrationStatus;
  submittedAt: string;
  expectedValue: Money;
  expectedCloseDate: string;
  protectedUntil?: string | undefined;
  outcome?: { result: 'won' | 'lost'; actualValue?: Money | undefined; closedOn: string } | undefined;
  earned?: { tierPoints: number } | undefined;
}

const within = <T extends { month: string }>(rows: T[], period: KpiPeriod) => rows.filter((r) => period.months.includes(r.month));

// ── ERP and program inputs ──────────────────────────────────────────────────────────────────────────────────────

/** Revenue per product line in the reporting currency; lines without a rate are counted in `unconverted`. */
export function revenueByLine(rows: RevenueMonth[], period: KpiPeriod, program: Program) {
  const byLine = new Map<string, number>();
  let unconverted = 0;
  for (const month of within(rows, period)) {
    for (const line of month.lines) {
      const amount = toReportingCurrency({ amount: line.amount, currency: line.currency }, program);
      if (amount === undefined) unconverted++;
      else byLine.set(line.productLine, (byLine.get(line.productLine) ?? 0) + amount);
    }
  }
  return { byLine, unconverted };
}

/** `revenue`: all ERP revenue of the period's months, in the reporting currency. */
export function revenue(rows: RevenueMonth[], period: KpiPeriod, program: Program): number {
  return [...revenueByLine(rows, period, program).byLine.values()].reduce((a, b) => a + b, 0);
}

/** `yoyGrowth`: (this period − the same months a year earlier) ÷ a year earlier; null without earlier revenue. */
export function yoyGrowth(current: number, previous: number): number | null {
  return previous > 0 ? round((current - previous) / previous, 4) : null;
}

/** `productMix`: each product line's revenue and share of the period's revenue, largest first (ties by name). */
export function productMix(rows: RevenueMonth[], period: KpiPeriod, program: Program) {
  const { byLine } = revenueByLine(rows, period, program);
  const total = [...byLine.values()].reduce((a, b) => a + b, 0);
  return [...byLine.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([productLine, amount]) => ({ productLine, amount, share: ratio(amount, total) ?? 0 }));
}

/** `trainingCompletion`: completed ÷ assigned modules in the period's latest training snapshot. */
export function trainingCompletion(rows: TrainingMonth[], period: KpiPeriod): number | null {
  const latest = within(rows, period)
    .sort((a, b) => a.month.localeCompare(b.month))
    .at(-1);
  return latest ? ratio(latest.completed, latest.assigned) : null;
}

/** The sales assets of the portal, counted as one more campaign next to the uploaded ones. */
export const SALES_ASSETS_CAMPAIGN = 'portal-sales-assets';

/**
 * `marketingParticipation`: campaigns the dealer took part in ÷ campaigns offered (each campaign once per period).
 * Downloading sales assets in the period counts as taking part in one more campaign (the portal's assets): a
 * dealer that used them is lifted by one campaign's share, one that did not is measured on the uploaded
 * campaigns alone; without uploads, a download makes it 1.
 */
export function marketingParticipation(rows: MarketingMonth[], period: KpiPeriod, downloads: DownloadMonth[] = []): number | null {
  const offered = new Map<string, boolean>();
  for (const month of within(rows, period)) {
    for (const c of month.campaigns) offered.set(c.campaignId, (offered.get(c.campaignId) ?? false) || c.participated);
  }
  const downloaded = within(downloads, period).some((month) => month.downloads > 0);
  if (downloaded) offered.set(SALES_ASSETS_CAMPAIGN, true);
  return ratio([...offered.values()].filter(Boolean).length, offered.size);
}

/** `supportTickets`: tickets the dealer opened in the period. */
export function supportTickets(rows: SupportMonth[], period: KpiPeriod): number {
  return within(rows, period).reduce((sum, r) => sum + r.tickets, 0);
}

/** Customer satisfaction (a scoring criterion): the response-weighted mean score, 0–100; null without responses. */
export function customerSatisfaction(rows: SatisfactionMonth[], period: KpiPeriod): number | null {
  const months = within(rows, period);
  const responses = months.reduce((sum, r) => sum + r.responses, 0);
  return responses > 0 ? round(months.reduce((sum, r) => sum + r.score * r.responses, 0) / responses, 2) : null;
}

/** `portalLogins`: user-days with at least one authenticated request by one of the dealer's users. */
export function portalLogins(rows: LoginMonth[], period: KpiPeriod): number {
  return within(rows, period).reduce((sum, r) => sum + r.count, 0);
}

// ── Registration-derived ────────────────────────────────────────────────────────────────────────────────────────

const OPEN: readonly RegistrationStatus[] = ['submitted', 'in_conflict', 'approved'];

const wonIn = (regs: RegistrationFacts[], period: KpiPeriod) =>
  regs.filter((r) => r.status === 'won' && r.outcome?.result === 'won' && inPeriod(r.outcome.closedOn, period));

const wonValue = (r: RegistrationFacts, program: Program) => toReportingCurrency(r.outcome?.actualValue ?? r.expectedValue, program);

/** The day a registration ran its course: the reported close, or the end of an expired protection. */
const endedOn = (r: RegistrationFacts) =>
  r.status === 'won' || r.status === 'lost' ? r.outcome?.closedOn : r.status === 'expired' ? r.protectedUntil?.slice(0, 10) : undefined;

/** `registeredDeals`: registrations the dealer submitted in the period, whatever became of them. */
export function registeredDeals(regs: RegistrationFacts[], period: KpiPeriod): number {
  return regs.filter((r) => inPeriod(r.submittedAt, period)).length;
}

/** Registrations that ran their course in the period: won, lost, or expired unclosed. */
export function closedRegistrations(regs: RegistrationFacts[], period: KpiPeriod) {
  return regs.filter((r) => (r.status === 'won' || r.status === 'lost' || r.status === 'expired') && inPeriod(endedOn(r), period));
}

/** `registrationToCloseRatio`: won ÷ (won + lost + expired), of the registrations that ran their course in the period. */
export function registrationToCloseRatio(regs: RegistrationFacts[], period: KpiPeriod): number | null {
  const closed = closedRegistrations(regs, period);
  return ratio(closed.filter((r) => r.status === 'won').length, closed.length);
}

/** `pipelineValue`: expected value of the dealer's open registrations (as of now) expected to close in the period. */
export function pipelineValue(regs: RegistrationFacts[], period: KpiPeriod, program: Program): number {
  return regs
    .filter((r) => OPEN.includes(r.status) && inPeriod(r.expectedCloseDate, period))
    .reduce((sum, r) => sum + (toReportingCurrency(r.expectedValue, program) ?? 0), 0);
}

/** `averageDealSize`: mean actual value of the registered deals won in the period; null when none was won. */
export function averageDealSize(regs: RegistrationFacts[], period: KpiPeriod, program: Program): number | null {
  const values = wonIn(regs, period)
    .map((r) => wonValue(r, program))
    .filter((v): v is number => v !== undefined);
  return values.length > 0 ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

/** Total value of the registered deals won in the period, in the reporting currency. */
export function wonRegisteredValue(regs: RegistrationFacts[], period: KpiPeriod, program: Program): number {
  return wonIn(regs, period).reduce((sum, r) => sum + (wonValue(r, program) ?? 0), 0);
}

/** Tier points that the registered deals won in the period earned. */
export function tierPointsEarned(regs: RegistrationFacts[], period: KpiPeriod): number {
  return wonIn(regs, period).reduce((sum, r) => sum + (r.earned?.tierPoints ?? 0), 0);
}

/** `averageCycleDays`: mean days from submission to the reported close (won or lost) of deals closed in the period. */
export function averageCycleDays(regs: RegistrationFacts[], period: KpiPeriod): number | null {
  const days = regs
    .filter((r) => (r.status === 'won' || r.status === 'lost') && r.outcome && inPeriod(r.outcome.closedOn, period))
    .map((r) => (Date.parse(`${r.outcome?.closedOn}T00:00:00Z`) - Date.parse(`${r.submittedAt.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
  return days.length > 0 ? round(days.reduce((a, b) => a + b, 0) / days.length, 1) : null;
}

/** Deal-registration compliance (a scoring criterion): registered won value ÷ ERP revenue, at most 1. */
export function registrationCompliance(registeredWon: number, erpRevenue: number): number | null {
  if (erpRevenue <= 0) return registeredWon > 0 ? 1 : null;
  return Math.min(1, round(registeredWon / erpRevenue, 4));
}

// ── The scorecard's KPI set ─────────────────────────────────────────────────────────────────────────────────────

export interface Kpis {
  revenue: Money;
  yoyGrowth: number | null;
  productMix: { productLine: string; amount: number; share: number }[];
  averageDealSize: Money | null;
  registeredDeals: number;
  registrationToCloseRatio: number | null;
  pipelineValue: Money;
  averageCycleDays: number | null;
  portalLogins: number;
  trainingCompletion: number | null;
  marketingParticipation: number | null;
  supportTickets: number;
}

/** What the KPIs rest on, for diagnosis and goals: sample sizes and the criteria that are not scorecard KPIs. */
export interface KpiFacts {
  previousRevenue: number;
  closedRegistrations: number;
  customerSatisfaction: number | null;
  registrationCompliance: number | null;
  unconvertedRevenueLines: number;
}

/**
 * Every KPI of a dealer for `period`. `inputs` must hold the period's months and, for year-over-year growth, the
 * same months a year earlier; `registrations` are the dealer's own.
 */
export function computeKpis(args: { period: KpiPeriod; inputs: MonthlyInputs; registrations: RegistrationFacts[]; program: Program }): {
  kpis: Kpis;
  facts: KpiFacts;
} {
  const { period, inputs, registrations: regs, program } = args;
  const money = (amount: number): Money => ({ amount, currency: program.reportingCurrency });
  const current = revenue(inputs.revenue, period, program);
  const previous = revenue(inputs.revenue, yearBefore(period), program);
  const dealSize = averageDealSize(regs, period, program);
  return {
    kpis: {
      revenue: money(current),
      yoyGrowth: yoyGrowth(current, previous),
      productMix: productMix(inputs.revenue, period, program),
      averageDealSize: dealSize === null ? null : money(dealSize),
      registeredDeals: registeredDeals(regs, period),
      registrationToCloseRatio: registrationToCloseRatio(regs, period),
      pipelineValue: money(pipelineValue(regs, period, program)),
      averageCycleDays: averageCycleDays(regs, period),
      portalLogins: portalLogins(inputs.logins, period),
      trainingCompletion: trainingCompletion(inputs.training, period),
      marketingParticipation: marketingParticipation(inputs.marketing, period, inputs.downloads),
      supportTickets: supportTickets(inputs.support, period),
    },
    facts: {
      previousRevenue: previous,
      closedRegistrations: closedRegistrations(regs, period).length,
      customerSatisfaction: customerSatisfaction(inputs.satisfaction, period),
      registrationCompliance: registrationCompliance(wonRegisteredValue(regs, period, program), current),
      unconvertedRevenueLines:
        revenueByLine(inputs.revenue, period, program).unconverted + revenueByLine(inputs.revenue, yearBefore(period), program).unconverted,
    },
  };
}
