import { InvalidCredentialsError, NotFoundError, SecondFactorRequiredError, UserBlockedError } from "../domain/errors.ts";
import { endSessions } from "../domain/sessions/resolve-session.ts";
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
    resolve: async (_root, _arguments, context) => {
      context.sessionCookie.clear();
      return endSessions(context.services.prisma, context.sessionCookie.requestTokens);
    },
  }),
);
