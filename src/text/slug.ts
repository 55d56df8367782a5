/** Lower-case ASCII letters, digits and dashes from any text (accents dropped), for ids and file names. */
export function slug(text: string, maxLength: number, fallback: string): string {
  const result = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return result === '' ? fallback : result;
}
