import { newEmailVerification } from "../email-verification/verification-mail.ts";
import { ForbiddenError, PasswordPolicyError } from "../errors.ts";
import { hashNewPassword } from "../passwords/password-hashing.ts";
import { passwordPolicyViolations } from "../passwords/password-policy.ts";
import { newRandomToken, type RandomToken } from "../random-tokens.ts";
import { endSessionsStatement } from "../sessions/resolve-session.ts";
import { sessionOrigin } from "../sessions/session-origin.ts";
import { signUpCrossFieldProblems } from "./cross-field-rules.ts";
import { insertUser, type ConflictFieldNames } from "./insert-user.ts";
import type { NewUser, WrittenUser } from "./new-user.ts";
import { signUpInput, type SignUpInput } from "./user-input.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { validateInput } from "./validate-input.ts";
import type { RequestOrigin } from "../rate-limits/rate-limits.ts";

// Fields a user must not set about themselves: an admin API key may (SPEC section 3).
export const privilegedSignUpFields = [
  "blocked",
  "emailVerified",
  "phoneNumberVerified",
  "loginAttempts",
  "hashFn",
  "salt",
  "skipLegalChecks",
] as const satisfies ReadonlyArray<keyof SignUpInput>;

const conflictFieldNames: ConflictFieldNames = {
  email: "email",
  phoneNumber: "phoneNumber",
  web3Wallet: "web3Wallet",
  username: "username",
  externalId: "externalId",
  identities: "identities",
};

export interface SignUpResult {
  userId: string;
  user: WrittenUser;
  /** Absent for a user an admin signs up blocked: blocked users are not signed in. */
  session?: RandomToken;
}

/**
 * Public sign-up (seed 000): checks who may set what, validates every field, applies the password
 * policy, hashes, and writes the user with their first session in one statement (with a
 * verification mail, in a transaction that also counts the mail), which also ends the sessions the
 * request's cookies held. Every attempt counts against the client address's sign-up limit (so
 * taken addresses cannot be probed at leisure either), and a verification mail against its
 * address's mail limit (SPEC section 9), counted only for a sign-up that writes it.
 */
export async function signUp(
  dependencies: ServiceDependencies,
  input: SignUpInput,
  caller: {
    isAdmin: boolean;
    origin: RequestOrigin;
    /** The sessions the request's cookies held: the new user's session replaces them. */
    replacedSessionTokens?: readonly string[];
  },
): Promise<SignUpResult> {
  await dependencies.rateLimits.consume("signUpsPerClientAddress", caller.origin.clientAddress);
  if (!caller.isAdmin) {
    const forbidden = privilegedSignUpFields.filter((field) => input[field] != null);
    if (forbidden.length > 0) throw new ForbiddenError(forbidden);
  }
  const values = validateInput(signUpInput, input, (raw) => signUpCrossFieldProblems(raw, dependencies, caller.isAdmin));
  if (values.password != null) {
    const reasons = passwordPolicyViolations(
      values.password,
      {
        emailAddresses: values.email ? [values.email.email] : [],
        username: values.username?.username,
        names: values,
      },
      dependencies.passwords,
    );
    if (reasons.length > 0) throw new PasswordPolicyError(reasons);
  }
  const session = values.blocked ? undefined : newRandomToken(dependencies.sessionTimeToLiveMilliseconds);
  const user: NewUser = {
    username: values.username,
    name: values.name,
    picture: values.picture,
    emailAddresses: values.email ? [values.email] : [],
    emailVerified: values.emailVerified ?? false,
    phoneNumbers: values.phoneNumber ? [values.phoneNumber] : [],
    phoneNumberVerified: values.phoneNumberVerified ?? false,
    web3Wallets: [],
    identities: values.identities ?? [],
    profile: values.profile,
    metadata: values.metadata,
    blocked: values.blocked,
    legalAcceptedAt: values.legalAccepted ? new Date() : undefined,
    loginAttempts: values.loginAttempts,
    password:
      values.password == null
        ? undefined
        : await hashNewPassword(
            values.password,
            { function: values.hashFn ?? "ARGON2", salt: values.salt },
            dependencies.passwords.argon2,
          ),
    backupCodeDigests: [],
    emailVerification: values.verifyEmail && values.email ? newEmailVerification(dependencies, values.email) : undefined,
    firstSession: session && { token: session, origin: sessionOrigin(caller.origin) },
  };
  const mailedAddress = user.emailVerification?.token.emailNormalized;
  // Counted only once the database has given this sign-up its address, before the user and the
  // mail commit: a sign-up that conflicts, after another or racing it for the address, counts
  // nothing and is answered ConflictError, never RATE_LIMITED; one over the limit writes nothing;
  // no mail is queued uncounted. While the store answers (memory, or Redis within its command
  // timeout), only writes of this user's values and of the replaced sessions wait (on PGlite,
  // every query). A commit that fails after the count keeps it: whether it took effect is unknown.
  const countMail = mailedAddress
    ? async () => {
        await dependencies.rateLimits.consume("verificationMailsPerAddress", mailedAddress);
      }
    : undefined;
  const replacedSessionTokens = session ? (caller.replacedSessionTokens ?? []) : [];
  const endReplacedSessions = replacedSessionTokens.length > 0 ? [endSessionsStatement(replacedSessionTokens)] : [];
  const written = await insertUser(dependencies, user, conflictFieldNames, { alongside: endReplacedSessions, beforeCommit: countMail });
  if (user.emailVerification) dependencies.mailQueued();
  return { userId: written.columns.id, user: written, session };
}
