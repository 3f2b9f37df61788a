/**
 * Puts `x` into `list` (ascending by `order`) after every item that does not come after it, searching from the
 * end: the lists it serves are appended to in order nearly always, and an item that comes late (a probe read
 * that waited for its timeout) belongs near the end. Mutates `list`. Pure otherwise.
 */
export function insertSorted<T>(list: T[], x: T, order: (item: T) => number): void {
  const k = order(x);
  let i = list.length;
  while (i > 0 && order(list[i - 1]) > k) i--;
  if (i === list.length) list.push(x);
  else list.splice(i, 0, x);
}
