import { z } from "zod";
import { passwordHasherNames } from "../passwords/digest-format.ts";
import { pastDateTime } from "./validation/date-time.ts";
import { emailAddress } from "./validation/email-address.ts";
import { httpUrl } from "./validation/http-url.ts";
import { identities } from "./validation/identity.ts";
import { clerkMetadata } from "./validation/json-object.ts";
import { metadata } from "./validation/metadata.ts";
import { organizationsLimit } from "./validation/organizations-limit.ts";
import { password } from "./validation/password.ts";
import { phoneNumber } from "./validation/phone-number.ts";
import { profile } from "./validation/profile.ts";
import { backupCodes, totpSecret } from "./validation/second-factor.ts";
import { nameMaximumLength, singleLineText, storableString } from "./validation/text.ts";
import { username } from "./validation/username.ts";
import { web3Wallet } from "./validation/web3-wallet.ts";

/**
 * The shapes of `SignUpInput` (seed 000) and `CreateUserInput` (seed 004 plus the seed-000 fields
 * it lacks), with every single-field rule. Rules that relate two fields are in `cross-field-rules.ts`.
 */

export const passwordHasherValues = passwordHasherNames.map((name) => name.toUpperCase()) as Uppercase<
  (typeof passwordHasherNames)[number]
>[];
export type PasswordHasherValue = (typeof passwordHasherValues)[number];

export const hashFunctionValues = ["BCRYPT", "ARGON2", "PBKDF2"] as const;

const shortText = singleLineText(nameMaximumLength).nullish();

/** Fields both operations share, with the same names and rules. */
const sharedFields = {
  username: username.nullish(),
  name: shortText,
  picture: httpUrl.nullish(),
  verifyEmail: z.boolean().nullish(),
  metadata: metadata.nullish(),
  profile: profile.nullish(),
  identities: identities.nullish(),
  password: password.nullish(),
  blocked: z.boolean().nullish(),
  emailVerified: z.boolean().nullish(),
  phoneNumberVerified: z.boolean().nullish(),
  // seed 000: "min 0, max 20000".
  loginAttempts: z.int("Must be a whole number.").min(0, "Must be at least 0.").max(20_000, "Must be at most 20000.").nullish(),
};

export const signUpInput = z.object({
  ...sharedFields,
  email: emailAddress.nullish(),
  phoneNumber: phoneNumber.nullish(),
  legalAccepted: z.boolean().nullish(),
  skipLegalChecks: z.boolean().nullish(),
  hashFn: z.enum(hashFunctionValues).nullish(),
  salt: storableString.max(128, "Must be at most 128 characters.").nullish(),
});

const uniqueList = <Schema extends z.ZodType>(item: Schema, label: string) =>
  z.array(item).max(10, `Must have at most 10 ${label}.`);

export const createUserInput = z.object({
  ...sharedFields,
  externalId: singleLineText(255).nullish(),
  firstName: shortText,
  lastName: shortText,
  emailAddress: uniqueList(emailAddress, "email addresses").nullish(),
  phoneNumber: uniqueList(phoneNumber, "phone numbers").nullish(),
  web3Wallet: uniqueList(web3Wallet, "web3 wallets").nullish(),
  passwordDigest: storableString.max(1024, "Must be at most 1024 characters.").nullish(),
  passwordHasher: z.enum(passwordHasherValues).nullish(),
  skipPasswordChecks: z.boolean().nullish(),
  skipPasswordRequirement: z.boolean().nullish(),
  totpSecret: totpSecret.nullish(),
  backupCodes: backupCodes.nullish(),
  publicMetadata: clerkMetadata.nullish(),
  privateMetadata: clerkMetadata.nullish(),
  unsafeMetadata: clerkMetadata.nullish(),
  deleteSelfEnabled: z.boolean().nullish(),
  legalAcceptedAt: pastDateTime.nullish(),
  skipLegalChecks: z.boolean().nullish(),
  createOrganizationEnabled: z.boolean().nullish(),
  createOrganizationsLimit: organizationsLimit.nullish(),
  createdAt: pastDateTime.nullish(),
});

/**
 * `updateUser` (admin): the scalar, list, credential and metadata fields of createUser plus
 * `blocked`, all optional; `null` clears a field. Lists replace the whole list.
 */
export const updateUserInput = createUserInput.pick({
  externalId: true,
  username: true,
  name: true,
  firstName: true,
  lastName: true,
  picture: true,
  emailAddress: true,
  phoneNumber: true,
  web3Wallet: true,
  identities: true,
  emailVerified: true,
  phoneNumberVerified: true,
  password: true,
  passwordDigest: true,
  passwordHasher: true,
  skipPasswordChecks: true,
  skipPasswordRequirement: true,
  totpSecret: true,
  backupCodes: true,
  metadata: true,
  publicMetadata: true,
  privateMetadata: true,
  unsafeMetadata: true,
  profile: true,
  blocked: true,
  loginAttempts: true,
  deleteSelfEnabled: true,
  createOrganizationEnabled: true,
  createOrganizationsLimit: true,
  legalAcceptedAt: true,
  skipLegalChecks: true,
  createdAt: true,
  verifyEmail: true,
});

/** `updateMe`: what users may change about themselves; addresses and phones change through verification. */
export const updateMeInput = createUserInput
  .pick({ username: true, name: true, firstName: true, lastName: true, picture: true, profile: true, unsafeMetadata: true })
  .extend({ password: createUserInput.shape.password, currentPassword: password.nullish() });

export type UpdateUserInput = z.input<typeof updateUserInput>;
export type UpdateUserValues = z.output<typeof updateUserInput>;
export type UpdateMeInput = z.input<typeof updateMeInput>;

export type SignUpInput = z.input<typeof signUpInput>;
export type SignUpValues = z.output<typeof signUpInput>;
export type CreateUserInput = z.input<typeof createUserInput>;
export type CreateUserValues = z.output<typeof createUserInput>;
