import { InvalidCredentialsError, NotFoundError, SecondFactorRequiredError, UserBlockedError } from "../domain/errors.ts";
import { endOtherOwnSessions, endOwnSession, listOwnSessions, type SessionCaller, type SessionSummary } from "../domain/sessions/own-sessions.ts";
import { endSessions, endSessionsEverywhere } from "../domain/sessions/resolve-session.ts";
import { signIn } from "../domain/sessions/sign-in.ts";
import { reportOutcome } from "./authentication-outcomes.ts";
import { builder } from "./builder.ts";
import type { Context } from "./context.ts";
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

const SessionType = builder.objectRef<SessionSummary>("Session").implement({
  description: "A signed-in device or browser of the signed-in user. Its token is never shown: only the cookie holds it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "What signOutSession takes." }),
    signedInAt: t.expose("signedInAt", { type: "DateTime", description: "The sign-in (or sign-up) that opened the session." }),
    lastSeenAt: t.expose("lastSeenAt", {
      type: "DateTime",
      description:
        "When the session was last used, give or take an hour: it is written at most hourly, when the session is extended, and not at all once it has been extended to the end of its maximum lifetime (in its last SESSION_TTL_DAYS).",
    }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      description: "When the session ends unless it is used: use extends it (at most hourly), never past SESSION_MAX_LIFETIME_DAYS after its sign-in.",
    }),
    current: t.exposeBoolean("current", { description: "The session this request came with." }),
    userAgent: t.exposeString("userAgent", {
      nullable: true,
      description:
        "The User-Agent header of the sign-in (or sign-up) that opened the session, as the browser or app sent it (at most 512 characters), recorded then and never updated. Null when it sent none, and for sessions opened before it was recorded.",
    }),
    ipAddress: t.exposeString("ipAddress", {
      nullable: true,
      description:
        "The client IP address of the sign-in (or sign-up) that opened the session (behind TRUST_PROXY proxies, the address the outermost one saw), recorded then and never updated. Null for sessions opened before it was recorded.",
    }),
  }),
});

/** The signed-in caller's session, for fields whose `signedIn` scope guarantees one. */
const sessionCaller = (context: Context): SessionCaller => ({ userId: context.caller.userId!, sessionId: context.caller.sessionId! });

builder.queryField("mySessions", (t) =>
  t.field({
    type: [SessionType],
    description: "The signed-in user's open sessions, on every device, the newest sign-in first.",
    authScopes: { signedIn: true },
    resolve: (_root, _arguments, context) => listOwnSessions(context.services, sessionCaller(context)),
  }),
);

builder.mutationField("signOutSession", (t) =>
  t.boolean({
    description:
      "Ends one open session of the signed-in user (an id from mySessions), on whichever device holds it; for the request's own session it also clears the cookie. False when the id names no open session of the user's.",
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) => {
      const { ended, current } = await endOwnSession(context.services, sessionCaller(context), String(id));
      if (current) context.sessionCookie.clear();
      return ended;
    },
  }),
);

builder.mutationField("signOutOtherSessions", (t) =>
  t.int({
    description:
      "Ends every open session of the signed-in user except the request's own, on every device, in one statement, and answers how many ended. The request's session and its cookie stay. Ends none when the request's own session ended meanwhile.",
    authScopes: { signedIn: true },
    resolve: (_root, _arguments, context) => endOtherOwnSessions(context.services, sessionCaller(context)),
  }),
);
