import { newEmailVerification } from "../email-verification/verification-mail.ts";
import { PasswordPolicyError } from "../errors.ts";
import type { PasswordHasherName } from "../passwords/digest-format.ts";
import { hashNewPassword } from "../passwords/password-hashing.ts";
import { passwordPolicyViolations } from "../passwords/password-policy.ts";
import { digestBackupCodes } from "../second-factor/backup-codes.ts";
import { createUserCrossFieldProblems } from "./cross-field-rules.ts";
import { insertUser, type ConflictFieldNames } from "./insert-user.ts";
import type { NewUser, WrittenUser } from "./new-user.ts";
import { createUserInput, type CreateUserInput, type CreateUserValues } from "./user-input.ts";
import type { ServiceDependencies } from "../dependencies.ts";
import { validateInput } from "./validate-input.ts";

export const createUserConflictFieldNames: ConflictFieldNames = {
  email: "emailAddress",
  phoneNumber: "phoneNumber",
  web3Wallet: "web3Wallet",
  username: "username",
  externalId: "externalId",
  identities: "identities",
};

/** A user createUser or importUsers wrote: their id, and the user as written. */
export interface CreatedUser {
  userId: string;
  user: WrittenUser;
}

/**
 * Admin creation and migration import (seed 004 plus the seed-000 fields it lacks): validates every
 * field, applies the password policy unless skipped, hashes a plain password or keeps an imported
 * digest, and writes the user in one transaction. The caller has already been checked to be an admin.
 */
export async function createUser(dependencies: ServiceDependencies, input: CreateUserInput): Promise<CreatedUser> {
  const user = await prepareUser(dependencies, input);
  const written = await insertUser(dependencies, user, createUserConflictFieldNames);
  if (user.emailVerification) dependencies.mailQueued();
  return { userId: written.columns.id, user: written };
}

/** Everything of createUser but the write: validation, the policy, hashing. */
export async function prepareUser(dependencies: ServiceDependencies, input: CreateUserInput): Promise<NewUser> {
  const values = validateInput(createUserInput, input, (raw) => createUserCrossFieldProblems(raw, dependencies));
  if (values.password != null && !values.skipPasswordChecks) {
    const reasons = passwordPolicyViolations(
      values.password,
      {
        emailAddresses: (values.emailAddress ?? []).map((address) => address.email),
        username: values.username?.username,
        names: values,
      },
      dependencies.passwords,
    );
    if (reasons.length > 0) throw new PasswordPolicyError(reasons);
  }
  const [password, backupCodeDigests] = await Promise.all([
    storedPassword(dependencies, values),
    digestBackupCodes(values.backupCodes ?? []),
  ]);
  return {
    externalId: values.externalId,
    username: values.username,
    name: values.name,
    firstName: values.firstName,
    lastName: values.lastName,
    picture: values.picture,
    emailAddresses: values.emailAddress ?? [],
    emailVerified: values.emailVerified ?? false,
    phoneNumbers: values.phoneNumber ?? [],
    phoneNumberVerified: values.phoneNumberVerified ?? false,
    web3Wallets: values.web3Wallet ?? [],
    identities: values.identities ?? [],
    profile: values.profile,
    metadata: values.metadata,
    publicMetadata: values.publicMetadata,
    privateMetadata: values.privateMetadata,
    unsafeMetadata: values.unsafeMetadata,
    blocked: values.blocked,
    loginAttempts: values.loginAttempts,
    deleteSelfEnabled: values.deleteSelfEnabled,
    createOrganizationEnabled: values.createOrganizationEnabled,
    createOrganizationsLimit: values.createOrganizationsLimit,
    legalAcceptedAt: values.legalAcceptedAt,
    createdAt: values.createdAt,
    password,
    encryptedTotpSecret: values.totpSecret ? dependencies.secretBox.encrypt(values.totpSecret) : undefined,
    backupCodeDigests,
    // The first address is the primary one (seed 004): the one verifyEmail sends to.
    emailVerification:
      values.verifyEmail && values.emailAddress?.[0] ? newEmailVerification(dependencies, values.emailAddress[0]) : undefined,
  };
}

async function storedPassword(dependencies: ServiceDependencies, values: CreateUserValues) {
  if (values.passwordDigest != null && values.passwordHasher != null) {
    // Imported as given: it was checked to parse for its hasher, and sign-in upgrades it to argon2id.
    return { algorithm: values.passwordHasher.toLowerCase() as PasswordHasherName, digest: values.passwordDigest };
  }
  if (values.password != null) {
    return hashNewPassword(values.password, { function: "ARGON2" }, dependencies.passwords.argon2);
  }
  return undefined;
}
