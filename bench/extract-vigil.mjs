// vigil's extractor in the shared harness's shape: (html, url) => plain body text.
// Loads TypeScript, so run the harness with `node --import tsx`.
import { extractArticle } from '../src/parsers/article/index.ts';

export default function extractWithVigil(html, url) {
  return extractArticle(html, url).text;
}
