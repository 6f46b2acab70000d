import { InvalidTokenError, PasswordPolicyError, ValidationError } from "../domain/errors.ts";
import { requestPasswordReset } from "../domain/password-reset/request-password-reset.ts";
import { resetPassword } from "../domain/password-reset/reset-password.ts";
import { builder } from "./builder.ts";
import { unauthenticated, withRateLimitErrors } from "./graphql-errors.ts";

// Password reset by email: a one-time link is mailed through the outbox; its token sets a new
// password, once.

const RequestPasswordResetSuccess = builder.objectRef<{ email: string }>("RequestPasswordResetSuccess").implement({
  description:
    "Asked: when an account that is not blocked has this address, a reset link is on its way to it. The answer is the same when none has, so that it tells no one which addresses have accounts.",
  fields: (t) => ({ email: t.expose("email", { type: "EmailAddress", description: "The address, as it was read." }) }),
});

builder.mutationField("requestPasswordReset", (t) =>
  t.field({
    type: RequestPasswordResetSuccess,
    description:
      "Mails a link to choose a new password (`<PUBLIC_URL>/reset-password?token=…`, working once, for an hour) to an email address of an account. Public.",
    args: { email: t.arg.string({ required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: "RequestPasswordResetResult" } },
    resolve: (_root, { email }, context) => {
      if (context.caller.adminKey === "invalid") throw unauthenticated("The admin API key is not valid.");
      return withRateLimitErrors(() => requestPasswordReset(context.services, email, context.origin));
    },
  }),
);

const ResetPasswordSuccess = builder.objectRef<{ userId: string; email: string }>("ResetPasswordSuccess").implement({
  description: "The new password is set and every session of the user has ended: sign in with it (and a TOTP code, for an account with TOTP).",
  // Lets the result union tell this result from the error types.
  isTypeOf: (value) => typeof value === "object" && value !== null && "userId" in value,
  fields: (t) => ({
    email: t.expose("email", { type: "EmailAddress", description: "The address the link was sent to, now verified." }),
  }),
});

builder.mutationField("resetPassword", (t) =>
  t.field({
    type: ResetPasswordSuccess,
    description: "Sets a new password with the token of a password reset link. Public; each token works once. Does not sign in.",
    args: { token: t.arg.string({ required: true }), password: t.arg.string({ required: true, description: "The new password; the password policy applies." }) },
    errors: { types: [InvalidTokenError, PasswordPolicyError, ValidationError], directResult: true, union: { name: "ResetPasswordResult" } },
    resolve: async (_root, { token, password }, context) => {
      const reset = await resetPassword(context.services, token, password);
      // The browser's own session ended with the user's others when it was theirs: its cookie goes too.
      if (context.caller.userId === reset.userId) context.sessionCookie.clear();
      return reset;
    },
  }),
);
