import { ConflictError, ForbiddenError, NotFoundError, PasswordPolicyError, ValidationError } from "../domain/errors.ts";
import { signUp } from "../domain/users/sign-up.ts";
import { reportOutcome } from "./authentication-outcomes.ts";
import { builder } from "./builder.ts";
import { HashFunctionEnum } from "./enums.ts";
import { withArgumentPath } from "./errors.ts";
import { unauthenticated, withRateLimitErrors } from "./graphql-errors.ts";
import { IdentityInput, ProfileInput } from "./user-inputs.ts";
import { answerUser, userResultType } from "./user.ts";

const privileged = "Privileged: needs an admin API key.";

const SignUpInput = builder.inputType("SignUpInput", {
  description: "seed 000's sign-up body in camelCase.",
  fields: (t) => ({
    email: t.string(),
    password: t.string({ description: "Plain text; the password policy applies." }),
    username: t.string(),
    name: t.string({ description: "Full name in displayable form." }),
    phoneNumber: t.string({ description: "Any format libphonenumber-js parses with a country code; stored as E.164." }),
    picture: t.string({ description: "An absolute http(s) URL." }),
    verifyEmail: t.boolean({ description: "Send a verification link to the email address." }),
    metadata: t.field({ type: "JSONObject", description: "At most 10 keys; string, number, boolean or null values." }),
    profile: t.field({ type: ProfileInput }),
    identities: t.field({ type: [IdentityInput] }),
    legalAccepted: t.boolean({ description: "The user accepts the legal terms now (sets legalAcceptedAt)." }),
    skipLegalChecks: t.boolean({ description: `Skip the instance's legal acceptance requirement. ${privileged}` }),
    blocked: t.boolean({ description: privileged }),
    emailVerified: t.boolean({ description: privileged }),
    phoneNumberVerified: t.boolean({ description: privileged }),
    loginAttempts: t.int({ description: `0 to 20000. ${privileged}` }),
    hashFn: t.field({ type: HashFunctionEnum, description: `Default ARGON2 (argon2id). ${privileged}` }),
    salt: t.string({ description: `Replaces the random salt. ${privileged}` }),
  }),
});

const SignUpSuccess = userResultType("SignUpSuccess", "The user exists and is signed in (the `session` cookie is set).");

builder.mutationField("signUp", (t) =>
  t.field({
    type: SignUpSuccess,
    description: "Public sign-up. Privileged fields need an admin API key.",
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    errors: {
      // NotFoundError: the user was deleted before the answer could read them (`answerUsers`).
      types: [ValidationError, ConflictError, PasswordPolicyError, ForbiddenError, NotFoundError],
      directResult: true,
      union: { name: "SignUpResult" },
    },
    resolve: (_root, { input }, context, info) =>
      reportOutcome(context.authenticationOutcomes.signUpFinished, async () => {
        if (context.caller.adminKey === "invalid") throw unauthenticated("The admin API key is not valid.");
        const { userId, user, session } = await withRateLimitErrors(() =>
          withArgumentPath(["input"], () =>
            signUp(context.services, input, {
              isAdmin: context.caller.adminKey === "valid",
              origin: context.origin,
              replacedSessionTokens: context.sessionCookie.requestTokens,
            }),
          ),
        );
        const answer = await answerUser(context, info, SignUpSuccess.name, { userId, user });
        if (session) context.sessionCookie.set(session.token, session.expiresAt);
        return answer;
      }),
  }),
);
