/** Whether every word of a search is in one of the texts, ignoring case and accents (“fras” finds “Fräs…”). */
const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export function matches(query: string, ...texts: string[]): boolean {
  const haystack = folded(texts.join(' '));
  return folded(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
