/** vigil's extractor in the shared harness's shape: the plain body text of a page. */
export default function extractWithVigil(html: string, url: string): string;
