import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Plugin } from "graphql-yoga";

const gzipped = promisify(gzip);

// A small page (a page of a mailed link, ~3 KB) is sent as it is: compressing it would gain little,
// and would take the one cached compression from GraphiQL's page.
const compressedFromLength = 16 * 1024;

/**
 * HTML pages (GraphiQL's) compressed, and never framed. Yoga compresses nothing, and GraphiQL's page, served whole with its scripts, is ~9 MB: 2.4 MB
 * gzipped, a difference anyone opening it over a network feels. Only HTML is compressed: the page
 * is the same on every visit, so it is compressed once, while the API's JSON answers are small and
 * would pay for compression on every request.
 */
export function useCompressedHtml(): Plugin {
  let last: { html: string; body: Promise<Uint8Array<ArrayBuffer>> } | undefined;
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const contentType = response.headers.get("content-type");
      if (!contentType?.startsWith("text/html")) return;
      const headers = new fetchAPI.Headers(response.headers);
      // Yoga's GraphiQL response names it "Content-Type", which whatwg-node's copy loses once a
      // header is added; a text body then made it text/plain, and a browser showed the source.
      headers.set("content-type", contentType);
      headers.append("vary", "Accept-Encoding");
      // The page an admin key is typed into (GraphiQL) may not be framed by another site, which
      // could trick clicks into it. A page with a policy of its own (a page of a mailed link) keeps it.
      headers.set("x-frame-options", "DENY");
      if (!headers.has("content-security-policy")) headers.set("content-security-policy", "frame-ancestors 'none'");
      const html = await response.text();
      let body: string | Uint8Array<ArrayBuffer> = html;
      if (html.length >= compressedFromLength && acceptsGzip(request.headers.get("accept-encoding"))) {
        if (last?.html !== html) last = { html, body: gzipped(html).then((bytes) => Uint8Array.from(bytes)) };
        body = await last.body;
        headers.set("content-encoding", "gzip");
        headers.delete("content-length");
      }
      setResponse(new fetchAPI.Response(body, { status: response.status, statusText: response.statusText, headers }));
    },
  };
}

/** `gzip` among the codings of an Accept-Encoding header, and not refused with `q=0`. */
function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  return header.split(",").some((entry) => {
    const [coding = "", ...parameters] = entry.split(";").map((part) => part.trim().toLowerCase());
    return (coding === "gzip" || coding === "x-gzip") && !parameters.some((parameter) => /^q=0(\.0{0,3})?$/.test(parameter));
  });
}
