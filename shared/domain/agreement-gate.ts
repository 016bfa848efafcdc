/**
 * Which partner agreement binds a dealer (pure). Versions are ordered by their position — effective date, then
 * version name — and a later version carries everything an earlier one said, so accepting it covers the earlier
 * ones. A dealer may register deals unless the latest material version in force sits after everything it accepted.
 */

export interface VersionInfo {
  version: string;
  effectiveFrom: string;
  material: boolean;
}

/** `<effectiveFrom>#<version>`: sorts as versions take effect. */
export const positionOf = (v: Pick<VersionInfo, 'version' | 'effectiveFrom'>) => `${v.effectiveFrom}#${v.version}`;

const effectiveOn = (position: string, today: string) => position.slice(0, 10) <= today;

/** The latest of `positions` in force on `today` (a UTC date), if any. */
export function latestInForce(positions: Iterable<string>, today: string): string | undefined {
  let latest: string | undefined;
  for (const position of positions) if (effectiveOn(position, today) && (!latest || position > latest)) latest = position;
  return latest;
}

/**
 * The material version that blocks the dealer's submissions, or undefined when none does: `materialPositions` are
 * the material versions' positions, `acceptedPosition` the latest position the dealer accepted.
 */
export function blockingVersion(materialPositions: Iterable<string>, acceptedPosition: string | undefined, today: string) {
  const binding = latestInForce(materialPositions, today);
  if (!binding || (acceptedPosition && acceptedPosition >= binding)) return undefined;
  return binding.slice(11);
}

/** Whether a dealer that accepted up to `acceptedPosition` has accepted `version` (or a later one). */
export const covers = (acceptedPosition: string | undefined, version: Pick<VersionInfo, 'version' | 'effectiveFrom'>) =>
  Boolean(acceptedPosition && acceptedPosition >= positionOf(version));
