import { tokenLinkPageOperation, type TokenLinkPage } from "./token-link-pages.ts";

/**
 * `GET /reset-password?token=…`: the page of a password reset link, which calls `resetPassword`
 * with the new password. It does not sign in: the person signs in with the new password afterwards
 * (and a code, when they have a second factor), wherever they sign in.
 */
export const resetPasswordPage: TokenLinkPage = {
  path: "/reset-password",
  title: "Choose a new password",
  introduction: "<p>Choose the password you will sign in with from now on. Changing it signs you out everywhere.</p>",
  // `required` alone: the length and other rules are the server's, which answers them as reasons.
  inputs: `<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required>
`,
  submitLabel: "Change my password",
  pendingMessage: "Changing your password…",
  failureMessage: "Your password could not be changed right now. Try again in a moment.",
  operation: tokenLinkPageOperation(
    "resetPassword",
    "mutation ResetPasswordPage($token: String!, $password: String!) { resetPassword(token: $token, password: $password) { __typename ... on ResetPasswordSuccess { email } ... on PasswordPolicyError { reasons } ... on ValidationError { fieldErrors { message } } } }",
  ),
  answers: `ResetPasswordSuccess: (result) => ({ done: true, message: "The password of " + result.email + " is changed. Sign in with it." }),
    PasswordPolicyError: (result) => ({ done: false, message: "This password cannot be used:", reasons: result.reasons }),
    ValidationError: (result) => ({ done: false, message: "This password cannot be used:", reasons: result.fieldErrors.map((error) => error.message) }),`,
};
