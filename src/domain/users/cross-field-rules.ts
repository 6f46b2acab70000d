import type { FieldError } from "../errors.ts";
import { digestFormatByName } from "../passwords/formats/registry.ts";
import {
  bcryptMaximumPasswordBytes,
  bcryptSaltPattern,
  maximumSaltBytes,
  minimumSaltBytes,
} from "../passwords/password-hashing.ts";
import { normalizedPassword } from "../passwords/normalized-password.ts";
import type { CreateUserInput, PasswordHasherValue, SignUpInput, UpdateUserInput } from "./user-input.ts";
import { normalizeEmailAddress } from "./validation/email-address.ts";
import { toE164 } from "./validation/phone-number.ts";
import { hasVisibleCharacter } from "./validation/text.ts";

/**
 * Rules that relate several fields. They read the raw input, so they run even when single fields
 * are invalid and one ValidationError can list every problem at once.
 */

type SharedInput = Pick<SignUpInput, "verifyEmail" | "emailVerified" | "phoneNumberVerified">;

function verificationProblems(input: SharedInput, hasEmail: boolean, hasPhone: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (input.verifyEmail && !hasEmail) problems.push({ path: ["verifyEmail"], message: "Needs an email address to verify." });
  if (input.verifyEmail && input.emailVerified) {
    problems.push({ path: ["verifyEmail"], message: "Cannot send a verification for an address marked verified (emailVerified)." });
  }
  if (input.emailVerified && !hasEmail) problems.push({ path: ["emailVerified"], message: "Needs an email address." });
  if (input.phoneNumberVerified && !hasPhone) problems.push({ path: ["phoneNumberVerified"], message: "Needs a phone number." });
  return problems;
}

/** What the instance requires beyond the fields themselves. */
export interface InstanceRules {
  legalAcceptanceRequired: boolean;
}

const legalAcceptanceMessage = "This instance requires acceptance of its legal terms.";

/**
 * `callerIsAdmin`: sign-in takes a password (identities are records, not a way in), so a public
 * sign-up without one would make an account no one could sign in to once its first session ends;
 * an admin may still sign up a user with identities only, as createUser's skipPasswordRequirement.
 */
export function signUpCrossFieldProblems(input: SignUpInput, rules: InstanceRules, callerIsAdmin: boolean): FieldError[] {
  const problems = verificationProblems(input, input.email != null, input.phoneNumber != null);
  if (rules.legalAcceptanceRequired && !input.legalAccepted && !input.skipLegalChecks) {
    problems.push({ path: ["legalAccepted"], message: `${legalAcceptanceMessage} Set legalAccepted to true.` });
  }
  if (input.email == null && input.phoneNumber == null && input.username == null) {
    problems.push({ path: ["email"], message: "Give an email address, a phone number or a username to sign in with." });
  }
  const hasPassword = input.password != null;
  if (!hasPassword && !callerIsAdmin) {
    problems.push({ path: ["password"], message: "Required: a password is how users sign in." });
  } else if (!hasPassword && (input.identities ?? []).length === 0) {
    problems.push({ path: ["password"], message: "Required unless the user has identities." });
  }
  if (input.hashFn != null && !hasPassword) problems.push({ path: ["hashFn"], message: "Needs a password to hash." });
  if (input.salt != null) {
    if (!hasPassword) problems.push({ path: ["salt"], message: "Needs a password to hash." });
    const saltProblem = input.hashFn === "BCRYPT" ? bcryptSaltProblem(input.salt) : saltBytesProblem(input.salt);
    if (saltProblem) problems.push({ path: ["salt"], message: saltProblem });
  }
  if (input.hashFn === "BCRYPT" && hasPassword && Buffer.byteLength(normalizedPassword(input.password!)) > bcryptMaximumPasswordBytes) {
    problems.push({
      path: ["password"],
      message: `bcrypt uses only the first ${bcryptMaximumPasswordBytes} bytes of a password; use a shorter one or hashFn ARGON2.`,
    });
  }
  return problems;
}

function bcryptSaltProblem(salt: string): string | undefined {
  return bcryptSaltPattern.test(salt)
    ? undefined
    : "bcrypt takes a salt of exactly 22 characters of its base64 alphabet (./A-Za-z0-9), the last of them one of . O e u (it holds the salt's last 2 bits).";
}

function saltBytesProblem(salt: string): string | undefined {
  const bytes = Buffer.byteLength(salt);
  return bytes >= minimumSaltBytes && bytes <= maximumSaltBytes
    ? undefined
    : `Must be ${minimumSaltBytes} to ${maximumSaltBytes} bytes.`;
}

export function createUserCrossFieldProblems(input: CreateUserInput, rules: InstanceRules): FieldError[] {
  const problems = verificationProblems(input, (input.emailAddress ?? []).length > 0, (input.phoneNumber ?? []).length > 0);
  if (rules.legalAcceptanceRequired && input.legalAcceptedAt == null && !input.skipLegalChecks) {
    problems.push({ path: ["legalAcceptedAt"], message: `${legalAcceptanceMessage} Give legalAcceptedAt, or skipLegalChecks.` });
  }
  if (input.password == null && input.passwordDigest == null && !input.skipPasswordRequirement) {
    problems.push({ path: ["password"], message: "Required unless passwordDigest is given or skipPasswordRequirement is true." });
  }
  const hasIdentifier = (input.emailAddress ?? []).length > 0 || (input.phoneNumber ?? []).length > 0 || input.username != null;
  if (!hasIdentifier && (input.password != null || input.passwordDigest != null)) {
    problems.push({ path: [input.password != null ? "password" : "passwordDigest"], message: passwordWithoutIdentifierMessage });
  }
  return [
    ...problems,
    ...passwordSourceProblems(input),
    ...repeatedListEntries(input),
    ...backupCodesWithoutTotpProblems(input.backupCodes, input.totpSecret != null),
  ];
}

// Sign-in takes an email address, a phone number or a username: a password without one of them
// could never be used, and the user would look as if they could sign in (hasPassword).
const passwordWithoutIdentifierMessage = "A password needs an email address, a phone number or a username to sign in with.";

/** What the user has before the update, where a rule depends on it. */
export interface UserBeforeUpdate {
  hasTotp: boolean;
  hasEmail: boolean;
  hasPhone: boolean;
  hasUsername: boolean;
  hasPassword: boolean;
}

export function updateUserCrossFieldProblems(input: UpdateUserInput, stored: UserBeforeUpdate, rules: InstanceRules): FieldError[] {
  // A list left out keeps the stored one; null or [] leaves none.
  const hasAfter = (list: readonly string[] | null | undefined, storedHas: boolean) => (list === undefined ? storedHas : (list ?? []).length > 0);
  const hasTotpAfter = input.totpSecret === undefined ? stored.hasTotp : input.totpSecret !== null;
  const hasEmailAfter = hasAfter(input.emailAddress, stored.hasEmail);
  const hasPhoneAfter = hasAfter(input.phoneNumber, stored.hasPhone);
  const hasUsernameAfter = input.username === undefined ? stored.hasUsername : input.username !== null;
  return [
    ...passwordWithoutIdentifierProblems(input, stored, hasEmailAfter || hasPhoneAfter || hasUsernameAfter),
    ...verificationProblems(
      { verifyEmail: input.verifyEmail, emailVerified: input.emailVerified, phoneNumberVerified: input.phoneNumberVerified },
      hasEmailAfter,
      hasPhoneAfter,
    ),
    ...passwordSourceProblems(input),
    ...repeatedListEntries(input),
    ...backupCodesWithoutTotpProblems(input.backupCodes, hasTotpAfter),
    ...(input.createdAt === null ? [{ path: ["createdAt"], message: "Cannot be cleared: every user has a creation time." }] : []),
    // Left out, the stored acceptance stays: only clearing it makes a user createUser would refuse.
    ...(rules.legalAcceptanceRequired && input.legalAcceptedAt === null && !input.skipLegalChecks
      ? [{ path: ["legalAcceptedAt"], message: `${legalAcceptanceMessage} Keep legalAcceptedAt, or clear it with skipLegalChecks.` }]
      : []),
  ];
}

/** A password the update sets, or keeps, while it leaves the user no identifier to sign in with. */
function passwordWithoutIdentifierProblems(input: UpdateUserInput, stored: UserBeforeUpdate, hasIdentifierAfter: boolean): FieldError[] {
  if (hasIdentifierAfter) return [];
  if (input.password != null || input.passwordDigest != null) {
    return [{ path: [input.password != null ? "password" : "passwordDigest"], message: passwordWithoutIdentifierMessage }];
  }
  const keepsPassword = stored.hasPassword && !(input.password === null && input.passwordDigest == null);
  const removed = (["emailAddress", "phoneNumber", "username"] as const).find((field) => input[field] !== undefined);
  if (!keepsPassword || removed === undefined) return [];
  return [
    {
      path: [removed],
      message: "Cannot leave a user who has a password no email address, phone number or username to sign in with: remove the password too (password: null), or block the user.",
    },
  ];
}

export const backupCodesNeedTotp: FieldError = {
  path: ["backupCodes"],
  message: "Backup codes need a TOTP secret (totpSecret): they stand in for a TOTP code, which sign-in asks for only from a user with TOTP.",
};

/**
 * Backup codes without TOTP could never be used (sign-in asks for no code), and an admin who set
 * them would believe the account has a second factor. An empty list leaves nothing unusable.
 */
function backupCodesWithoutTotpProblems(backupCodes: readonly string[] | null | undefined, hasTotp: boolean): FieldError[] {
  return (backupCodes ?? []).length > 0 && !hasTotp ? [backupCodesNeedTotp] : [];
}

/** A password comes either in plain text or as a digest with the hasher that made it. */
function passwordSourceProblems(
  input: Pick<CreateUserInput, "password" | "passwordDigest" | "passwordHasher" | "skipPasswordChecks">,
): FieldError[] {
  const problems: FieldError[] = [];
  const hasDigest = input.passwordDigest != null;
  // Without the policy nothing else stops a blank password (a migration's empty column), and anyone
  // who knows the identifier could sign in by leaving the password field empty.
  if (input.skipPasswordChecks && input.password != null && !hasVisibleCharacter(input.password)) {
    problems.push({ path: ["password"], message: "Must not be blank, even with skipPasswordChecks." });
  }
  if (input.password != null && hasDigest) {
    problems.push({ path: ["passwordDigest"], message: "Give either password or passwordDigest, not both." });
  }
  if (hasDigest && input.passwordHasher == null) {
    problems.push({ path: ["passwordHasher"], message: "Required with passwordDigest." });
  }
  if (!hasDigest && input.passwordHasher != null) {
    problems.push({ path: ["passwordDigest"], message: "Required with passwordHasher." });
  }
  if (hasDigest && input.passwordHasher != null && !recognizesDigest(input.passwordHasher, input.passwordDigest!)) {
    problems.push({
      path: ["passwordDigest"],
      message: `Is not a valid ${input.passwordHasher.toLowerCase()} digest; see the README for the expected format.`,
    });
  }
  return problems;
}

function repeatedListEntries(input: Pick<CreateUserInput, "emailAddress" | "phoneNumber" | "web3Wallet">): FieldError[] {
  return [
    ...repeatedEntries("emailAddress", input.emailAddress, (value) => normalizeEmailAddress(value).emailNormalized),
    ...repeatedEntries("phoneNumber", input.phoneNumber, toE164),
    ...repeatedEntries("web3Wallet", input.web3Wallet, (value) => value.trim().toLowerCase()),
  ];
}

function recognizesDigest(hasher: PasswordHasherValue, digest: string): boolean {
  return digestFormatByName[hasher.toLowerCase() as Lowercase<PasswordHasherValue>].recognizes(digest);
}

/** A list's entries are unique by their normalized form, as the database will compare them. */
function repeatedEntries(
  field: string,
  list: readonly string[] | null | undefined,
  normalize: (value: string) => string | undefined,
): FieldError[] {
  // One entry cannot repeat another: spare normalizing it (a phone number is parsed again for that).
  if (!list || list.length < 2) return [];
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  list.forEach((value, index) => {
    const key = normalize(value);
    if (key === undefined) return;
    if (seen.has(key)) problems.push({ path: [field, String(index)], message: "Repeats an earlier entry of this list." });
    seen.add(key);
  });
  return problems;
}
