import { InvalidCredentialsError, NotFoundError, SecondFactorRequiredError, UserBlockedError } from "../domain/errors.ts";
import { endSessions, endSessionsEverywhere } from "../domain/sessions/resolve-session.ts";
import { signIn } from "../domain/sessions/sign-in.ts";
import { reportOutcome } from "./authentication-outcomes.ts";
import { builder } from "./builder.ts";
import { withRateLimitErrors } from "./graphql-errors.ts";
import { answerUsers, userResultType } from "./user.ts";

const SignInInput = builder.inputType("SignInInput", {
  fields: (t) => ({
    identifier: t.string({ required: true, description: "An email address, a phone number or a username." }),
    password: t.string({ required: true }),
    code: t.string({ description: "A TOTP code or a backup code, for accounts with TOTP." }),
  }),
});

const SignInSuccess = userResultType("SignInSuccess", "Signed in: the `session` cookie is set.");

builder.mutationField("signIn", (t) =>
  t.field({
    type: SignInSuccess,
    args: { input: t.arg({ type: SignInInput, required: true }) },
    errors: {
      types: [InvalidCredentialsError, SecondFactorRequiredError, UserBlockedError],
      directResult: true,
      union: { name: "SignInResult" },
    },
    resolve: (_root, { input }, context, info) =>
      reportOutcome(context.authenticationOutcomes.signInFinished, async () => {
        const { userId, session, user } = await withRateLimitErrors(() =>
          signIn(context.services, input, context.origin, {
            replacedSessionTokens: context.sessionCookie.requestTokens,
          }),
        );
        // An account deleted since the password was checked is, from now on, an unknown identifier.
        const [answer] = await answerUsers(context, info, SignInSuccess.name, [{ userId, user }]);
        if (answer instanceof NotFoundError) throw new InvalidCredentialsError();
        context.sessionCookie.set(session.token, session.expiresAt);
        return answer!;
      }),
  }),
);

builder.mutationField("signOut", (t) =>
  t.boolean({
    description: "Ends the current session on the server and clears the cookie. False when there was none.",
    args: {
      everywhere: t.arg.boolean({
        defaultValue: false,
        description: "Also ends every other session of the signed-in user, on every device. Without a session, nothing else ends.",
      }),
    },
    resolve: async (_root, { everywhere }, context) => {
      context.sessionCookie.clear();
      const { prisma } = context.services;
      const tokens = context.sessionCookie.requestTokens;
      // Without a valid session (or with two cookies, signed in as no one) there is no user to sign out.
      const { userId } = context.caller;
      return everywhere && userId !== undefined ? endSessionsEverywhere(prisma, tokens, userId) : endSessions(prisma, tokens);
    },
  }),
);
