import { tokenLinkPageOperation, type TokenLinkPage } from "./token-link-pages.ts";

/** `GET /verify-email?token=…`: the page of a verification link, which calls `verifyEmail`. */
export const verifyEmailPage: TokenLinkPage = {
  path: "/verify-email",
  title: "Verify your email address",
  introduction: "<p>Confirm that this mailbox is yours.</p>",
  inputs: "",
  submitLabel: "Verify my email address",
  pendingMessage: "Verifying…",
  failureMessage: "The address could not be verified right now. Try again in a moment.",
  operation: tokenLinkPageOperation(
    "verifyEmail",
    "mutation VerifyEmailPage($token: String!) { verifyEmail(token: $token) { __typename ... on VerifyEmailSuccess { email } } }",
  ),
  answers: `VerifyEmailSuccess: (result) => ({ done: true, message: result.email + " is verified." }),`,
};
