import { createHash } from "node:crypto";
import type { Plugin } from "graphql-yoga";

/**
 * `GET /verify-email?token=…`: the page a verification link opens when PUBLIC_URL is this server
 * (its default), so that the link in a mail works without a front end. A front end that has its
 * own page sets PUBLIC_URL to itself and this one is never linked to.
 *
 * The token is used only when the person clicks the button, never by opening the page: mail
 * scanners and link previews open links too, and would spend it. The page is static; its script,
 * allowed by its hash alone, reads the token from the address, takes it out of the address bar and
 * history, and sends `verifyEmail` to `graphql` beside the page (under PUBLIC_URL's path too, behind
 * a proxy). `Referrer-Policy: no-referrer`: the address holds the token.
 */
export function useVerifyEmailPage(): Plugin {
  const script = pageScript();
  const html = pageHtml(script);
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": [
      "default-src 'none'",
      `script-src '${sha256Source(script)}'`,
      `style-src '${sha256Source(style)}'`,
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join("; "),
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
  };
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== "/verify-email") return;
      if (request.method !== "GET" && request.method !== "HEAD") {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: "GET, HEAD" } }));
        return;
      }
      endResponse(new fetchAPI.Response(request.method === "HEAD" ? null : html, { status: 200, headers }));
    },
  };
}

function sha256Source(text: string): string {
  return `sha256-${createHash("sha256").update(text).digest("base64")}`;
}

const style = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1d1d1f; }
  button { font: inherit; padding: 0.5rem 1.25rem; border-radius: 0.375rem; border: 0; background: #2456d3; color: #fff; cursor: pointer; }
  button:disabled { background: #9aa7c4; cursor: default; }
`;

/**
 * The one operation the page sends, and its hash: a persisted operation, which the server adds to
 * its manifest, so that the page works with PERSISTED_OPERATIONS=only too.
 */
const verifyEmailPageDocument =
  "mutation VerifyEmailPage($token: String!) { verifyEmail(token: $token) { __typename ... on VerifyEmailSuccess { email } } }";
export const verifyEmailPageOperation = {
  sha256Hash: createHash("sha256").update(verifyEmailPageDocument).digest("hex"),
  document: verifyEmailPageDocument,
};

function pageScript(): string {
  const body = {
    query: verifyEmailPageOperation.document,
    extensions: { persistedQuery: { version: 1, sha256Hash: verifyEmailPageOperation.sha256Hash } },
  };
  return `
  const token = new URLSearchParams(location.search).get("token");
  history.replaceState(null, "", location.pathname);
  const button = document.getElementById("verify");
  const status = document.getElementById("status");
  if (!token) {
    button.hidden = true;
    status.textContent = "This link has no token. Open the link from the mail again.";
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Verifying…";
    try {
      const response = await fetch("graphql", {
        method: "POST",
        headers: { "content-type": "application/json", "x-graphql-client": "verify-email-page" },
        body: JSON.stringify({ ...${JSON.stringify(body)}, variables: { token } }),
      });
      const result = (await response.json()).data?.verifyEmail;
      if (result?.__typename === "VerifyEmailSuccess") {
        button.hidden = true;
        status.textContent = result.email + " is verified.";
      } else if (result?.__typename === "InvalidTokenError") {
        button.hidden = true;
        status.textContent = "This link is not valid: it was used already, it has expired, or a newer link replaced it. Ask for a new one.";
      } else {
        throw new Error("unexpected answer");
      }
    } catch {
      button.disabled = false;
      status.textContent = "The address could not be verified right now. Try again in a moment.";
    }
  });
`;
}

function pageHtml(script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Verify your email address</title>
<style>${style}</style>
</head>
<body>
<h1>Verify your email address</h1>
<p>Confirm that this mailbox is yours.</p>
<button id="verify" type="button">Verify my email address</button>
<p id="status" role="status"></p>
<script>${script}</script>
</body>
</html>
`;
}
