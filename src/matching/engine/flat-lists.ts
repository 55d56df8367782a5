/** Lists as offsets + values: list i is values[offsets[i] .. offsets[i + 1]). One typed array reads faster than arrays of arrays. */
export function flatten(lists: number[][]): [Int32Array, Int32Array] {
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, index) => {
    offsets[index] = total;
    total += list.length;
  });
  offsets[lists.length] = total;
  const values = new Int32Array(total);
  for (const [index, list] of lists.entries()) values.set(list, offsets[index] as number);
  return [offsets, values];
}
