/** Calendar arithmetic on the API's `YYYY-MM-DD` dates (UTC, like the API's claim window). */
const DAY_MS = 86_400_000;

/** Whole days from `today` to `date` (negative once it has passed). */
export const daysFrom = (today: string, date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);

/** An approved request may be claimed from the day its activity ends through its claim deadline. */
export const claimable = (request: { status: string; endsOn: string; claimDeadline: string }, today: string) =>
  request.status === 'approved' && today >= request.endsOn && today <= request.claimDeadline;
