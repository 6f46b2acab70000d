import { requestEmailVerification } from "../domain/email-verification/request-email-verification.ts";
import { verifyEmail } from "../domain/email-verification/verify-email.ts";
import { InvalidTokenError, NotFoundError, NothingToVerifyError } from "../domain/errors.ts";
import { builder } from "./builder.ts";
import { forbidden, unauthenticated, withRateLimitErrors } from "./graphql-errors.ts";
import { UserType } from "./user.ts";

// Email verification (SPEC section 8): links are mailed through the outbox; the token in a link
// marks its address verified, once.

const VerifyEmailSuccess = builder.objectRef<{ userId: string; email: string }>("VerifyEmailSuccess").implement({
  description: "The address the link was sent to is verified.",
  // Lets the result union tell this result from the error type.
  isTypeOf: (value) => typeof value === "object" && value !== null && "userId" in value,
  fields: (t) => ({
    email: t.expose("email", { type: "EmailAddress", description: "The address that is now verified." }),
    user: t.prismaField({
      type: UserType,
      nullable: true,
      description:
        "The user, for a request signed in as that user or with the admin API key; null otherwise. A link proves control of a mailbox, not of the account (a mistyped address, a recycled mailbox): its holder learns nothing more.",
      resolve: (query, result, _arguments, context) =>
        context.caller.adminKey === "valid" || context.caller.userId === result.userId
          ? context.services.prisma.user.findUnique({ ...query, where: { id: result.userId } })
          : null,
    }),
  }),
});

builder.mutationField("verifyEmail", (t) =>
  t.field({
    type: VerifyEmailSuccess,
    description: "Uses the token of a verification link (`<PUBLIC_URL>/verify-email?token=…`). Public; each token works once.",
    args: { token: t.arg.string({ required: true }) },
    errors: { types: [InvalidTokenError], directResult: true, union: { name: "VerifyEmailResult" } },
    resolve: (_root, { token }, context) => {
      // The key decides what `user` shows: a wrong one is refused before the token is spent, as signUp refuses it.
      if (context.caller.adminKey === "invalid") throw unauthenticated("The admin API key is not valid.");
      return verifyEmail(context.services.prisma, token);
    },
  }),
);

const RequestEmailVerificationSuccess = builder
  .objectRef<{ email: string }>("RequestEmailVerificationSuccess")
  .implement({
    description: "A new verification link is on its way.",
    fields: (t) => ({ email: t.expose("email", { type: "EmailAddress", description: "The address the link goes to." }) }),
  });

builder.mutationField("requestEmailVerification", (t) =>
  t.field({
    type: RequestEmailVerificationSuccess,
    description:
      "Mails a new verification link to the signed-in user's primary email address, when it is not verified yet. With an admin API key, `userId` names any user.",
    authScopes: { signedIn: true, admin: true },
    args: { userId: t.arg.id({ description: "Admin only: the user to send the link to (default: the signed-in user)." }) },
    errors: {
      types: [NothingToVerifyError, NotFoundError],
      directResult: true,
      union: { name: "RequestEmailVerificationResult" },
    },
    resolve: (_root, { userId }, context) => {
      const isAdmin = context.caller.adminKey === "valid";
      if (userId != null && context.caller.adminKey === "invalid") throw unauthenticated("The admin API key is not valid.");
      if (userId != null && !isAdmin) throw forbidden("Only an admin API key may name another user (userId).");
      const target = userId != null ? String(userId) : context.caller.userId;
      if (target === undefined) throw unauthenticated("Sign in first, or name the user with userId.");
      return withRateLimitErrors(() => requestEmailVerification(context.services, target));
    },
  }),
);
