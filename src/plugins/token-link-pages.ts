import { createHash } from "node:crypto";
import type { Plugin } from "graphql-yoga";

/**
 * The pages a mailed link opens (`<PUBLIC_URL><path>?token=…`) when PUBLIC_URL is this server (its
 * default), so that the link in a mail works without a front end. A front end that has its own
 * pages sets PUBLIC_URL to itself and these are never linked to.
 *
 * The token is used only when the person submits the page's form, never by opening the page: mail
 * scanners and link previews open links too, and would spend it. A page is static; its script,
 * allowed by its hash alone, reads the token from the address, takes it out of the address bar and
 * history, and sends the page's one operation to `graphql` beside the page (under PUBLIC_URL's path
 * too, behind a proxy). `Referrer-Policy: no-referrer`: the address holds the token.
 */
export interface TokenLinkPage {
  /** `/verify-email`: the path of the mailed link. */
  path: string;
  /** The page's title and heading. */
  title: string;
  /** HTML: what the page is for, above its form. */
  introduction: string;
  /** HTML: the form's inputs, each named as the operation's variable it fills (besides `token`). */
  inputs: string;
  submitLabel: string;
  /** Shown while the operation runs. */
  pendingMessage: string;
  /** Shown when the operation could not run (network, server): the form is left to try again. */
  failureMessage: string;
  operation: TokenLinkPageOperation;
  /**
   * JavaScript: the entries of an object literal, each answering a `__typename` of the operation's
   * result other than InvalidTokenError (which all pages answer alike) with a function of the
   * result that returns `{ done, message, reasons? }`: `done` hides the form for good, `reasons`
   * are listed under the message.
   */
  answers: string;
}

/**
 * The one operation a page sends, and its hash: a persisted operation, which the server adds to its
 * manifest, so that the page works with PERSISTED_OPERATIONS=only too.
 */
export interface TokenLinkPageOperation {
  document: string;
  sha256Hash: string;
  /** The mutation's field, whose result the page answers. */
  field: string;
}

export function tokenLinkPageOperation(field: string, document: string): TokenLinkPageOperation {
  return { document, sha256Hash: createHash("sha256").update(document).digest("hex"), field };
}

/** Serves each page at its path, GET and HEAD only, with a policy that runs its own script alone. */
export function useTokenLinkPages(pages: readonly TokenLinkPage[]): Plugin {
  const responses = new Map(pages.map((page) => [page.path, servedPage(page)]));
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const served = responses.get(url.pathname);
      if (!served) return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: "GET, HEAD" } }));
        return;
      }
      endResponse(new fetchAPI.Response(request.method === "HEAD" ? null : served.html, { status: 200, headers: served.headers }));
    },
  };
}

function servedPage(page: TokenLinkPage): { html: string; headers: Record<string, string> } {
  const script = pageScript(page);
  return {
    html: pageHtml(page, script),
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": [
        "default-src 'none'",
        `script-src '${sha256Source(script)}'`,
        `style-src '${sha256Source(style)}'`,
        "connect-src 'self'",
        "base-uri 'none'",
        // The script sends the form: the browser itself never does.
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
      "referrer-policy": "no-referrer",
      "x-frame-options": "DENY",
    },
  };
}

function sha256Source(text: string): string {
  return `sha256-${createHash("sha256").update(text).digest("base64")}`;
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1d1d1f; }
  label { display: block; margin-bottom: 0.25rem; }
  input { font: inherit; box-sizing: border-box; width: 100%; margin-bottom: 1rem; padding: 0.5rem; border: 1px solid #8a8f98; border-radius: 0.375rem; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.375rem; border: 0; background: #2456d3; color: #fff; cursor: pointer; }
  button:disabled { background: #9aa7c4; cursor: default; }
`;

function pageScript(page: TokenLinkPage): string {
  const { operation } = page;
  const body = { query: operation.document, extensions: { persistedQuery: { version: 1, sha256Hash: operation.sha256Hash } } };
  return `
  const token = new URLSearchParams(location.search).get("token");
  history.replaceState(null, "", location.pathname);
  const form = document.getElementById("form");
  const button = form.querySelector("button");
  const status = document.getElementById("status");
  function show(message, reasons = []) {
    const list = document.createElement("ul");
    list.append(...reasons.map((reason) => Object.assign(document.createElement("li"), { textContent: reason })));
    status.replaceChildren(message, ...(reasons.length > 0 ? [list] : []));
  }
  if (!token) {
    form.hidden = true;
    show("This link has no token. Open the link from the mail again.");
  }
  const answers = {
    InvalidTokenError: () => ({
      done: true,
      message: "This link is not valid: it was used already, it has expired, or a newer link replaced it. Ask for a new one.",
    }),
    ${page.answers}
  };
  async function send() {
    const response = await fetch("graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-graphql-client": ${JSON.stringify(`${page.path.slice(1)}-page`)} },
      body: JSON.stringify({ ...${JSON.stringify(body)}, variables: { ...Object.fromEntries(new FormData(form)), token } }),
    });
    const result = (await response.json()).data?.${operation.field};
    return Object.hasOwn(answers, result?.__typename) ? answers[result.__typename](result) : undefined;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    show(${JSON.stringify(page.pendingMessage)});
    // None for a request that failed or an answer that is no result (an error of the server's).
    const answer = (await send().catch(() => undefined)) ?? { done: false, message: ${JSON.stringify(page.failureMessage)} };
    form.hidden = answer.done;
    button.disabled = false;
    show(answer.message, answer.reasons);
    if (!answer.done) form.querySelector("input")?.focus();
  });
`;
}

function pageHtml(page: TokenLinkPage, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title}</title>
<style>${style}</style>
</head>
<body>
<h1>${page.title}</h1>
${page.introduction}
<form id="form">
${page.inputs}<button type="submit">${page.submitLabel}</button>
</form>
<p id="status" role="status"></p>
<script>${script}</script>
</body>
</html>
`;
}
