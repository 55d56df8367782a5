// Benchmark anchor: Mozilla Readability over linkedom, as measured in the shared eval README.
// Default export matches the shared harness: (html, url) => plain body text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export default function extractWithReadability(html) {
  const { document } = parseHTML(html);
  return new Readability(document).parse()?.textContent ?? '';
}
