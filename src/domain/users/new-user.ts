import type { Prisma } from "../../generated/prisma/client.ts";
import type { QueuedEmailVerification } from "../email-verification/verification-mail.ts";
import type { IdentityProvider } from "../../generated/prisma/enums.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import type { NewSessionToken } from "../sessions/session-tokens.ts";
import type { NormalizedEmailAddress } from "./validation/email-address.ts";
import type { ProfileValues } from "./validation/profile.ts";
import type { NormalizedUsername } from "./validation/username.ts";
import type { NormalizedWeb3Wallet } from "./validation/web3-wallet.ts";
import type { CreateUserValues } from "./user-input.ts";

/**
 * A validated user about to be written, whichever operation made it. `toCreateData` turns it into
 * one nested Prisma create, so the user and everything that belongs to it are one statement batch
 * in one transaction: nothing is half-written.
 */
export interface NewUser {
  externalId?: string | null;
  username?: NormalizedUsername | null;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  picture?: string | null;
  /** The first address of each list is the primary one. */
  emailAddresses: NormalizedEmailAddress[];
  emailVerified: boolean;
  phoneNumbers: string[];
  phoneNumberVerified: boolean;
  web3Wallets: NormalizedWeb3Wallet[];
  identities: NonNullable<CreateUserValues["identities"]>;
  profile?: ProfileValues | null;
  metadata?: Record<string, unknown> | null;
  publicMetadata?: Record<string, unknown> | null;
  privateMetadata?: Record<string, unknown> | null;
  unsafeMetadata?: Record<string, unknown> | null;
  blocked?: boolean | null;
  loginAttempts?: number | null;
  deleteSelfEnabled?: boolean | null;
  createOrganizationEnabled?: boolean | null;
  createOrganizationsLimit?: number | null;
  legalAcceptedAt?: Date | null;
  createdAt?: Date | null;
  password?: StoredDigest;
  encryptedTotpSecret?: string;
  backupCodeDigests: string[];
  /** `verifyEmail`: the token and the mail with its link, written with the user. */
  emailVerification?: QueuedEmailVerification;
}

/** The values the database keeps unique, to name what is taken after a unique violation. */
export interface UniqueValues {
  emailNormalized: string[];
  phoneNumbers: string[];
  walletNormalized: string[];
  usernameNormalized?: string;
  externalId?: string;
  identities: Array<{ provider: IdentityProvider; providerUserId: string }>;
}

export function uniqueValuesOf(user: NewUser): UniqueValues {
  return {
    emailNormalized: user.emailAddresses.map((address) => address.emailNormalized),
    phoneNumbers: user.phoneNumbers,
    walletNormalized: user.web3Wallets.map((wallet) => wallet.addressNormalized),
    usernameNormalized: user.username?.usernameNormalized,
    externalId: user.externalId ?? undefined,
    identities: user.identities.flatMap((identity) =>
      identity.id == null ? [] : [{ provider: identity.provider, providerUserId: identity.id }],
    ),
  };
}

const orUndefined = <Value>(value: Value | null | undefined): Value | undefined => value ?? undefined;

export function toCreateData(user: NewUser, session?: NewSessionToken): Prisma.UserCreateInput {
  return {
    externalId: user.externalId,
    username: user.username?.username,
    usernameNormalized: user.username?.usernameNormalized,
    name: user.name,
    firstName: user.firstName,
    lastName: user.lastName,
    picture: user.picture,
    metadata: orUndefined(user.metadata) as Prisma.InputJsonObject | undefined,
    publicMetadata: orUndefined(user.publicMetadata) as Prisma.InputJsonObject | undefined,
    privateMetadata: orUndefined(user.privateMetadata) as Prisma.InputJsonObject | undefined,
    unsafeMetadata: orUndefined(user.unsafeMetadata) as Prisma.InputJsonObject | undefined,
    blocked: orUndefined(user.blocked),
    loginAttempts: orUndefined(user.loginAttempts),
    deleteSelfEnabled: orUndefined(user.deleteSelfEnabled),
    createOrganizationEnabled: orUndefined(user.createOrganizationEnabled),
    createOrganizationsLimit: orUndefined(user.createOrganizationsLimit),
    legalAcceptedAt: user.legalAcceptedAt,
    createdAt: orUndefined(user.createdAt),
    emailAddresses: nestedMany(
      user.emailAddresses.map((address, index) => ({ ...address, verified: user.emailVerified, primary: index === 0 })),
    ),
    phoneNumbers: nestedMany(
      user.phoneNumbers.map((phoneNumber, index) => ({ phoneNumber, verified: user.phoneNumberVerified, primary: index === 0 })),
    ),
    web3Wallets: nestedMany(user.web3Wallets.map((wallet, index) => ({ ...wallet, primary: index === 0 }))),
    identities: nestedMany(
      user.identities.map((identity, position) => ({
        connection: identity.connection,
        provider: identity.provider,
        type: identity.type,
        providerUserId: identity.id,
        details: identity.details as Prisma.InputJsonObject,
        position,
      })),
    ),
    profile: user.profile ? { create: toProfileData(user.profile) } : undefined,
    passwordCredential: user.password ? { create: user.password } : undefined,
    totpCredential: user.encryptedTotpSecret ? { create: { encryptedSecret: user.encryptedTotpSecret } } : undefined,
    backupCodes: nestedMany(user.backupCodeDigests.map((digest) => ({ digest }))),
    sessions: session ? { create: { tokenHash: session.tokenHash, expiresAt: session.expiresAt } } : undefined,
    emailVerificationTokens: user.emailVerification ? { create: user.emailVerification.token } : undefined,
    outboxMessages: user.emailVerification ? { create: user.emailVerification.message } : undefined,
  };
}

function nestedMany<Row>(rows: Row[]): { createMany: { data: Row[] } } | undefined {
  return rows.length > 0 ? { createMany: { data: rows } } : undefined;
}

export function toProfileData(profile: ProfileValues): Prisma.ProfileCreateWithoutUserInput {
  const { addresses, gender, ...fields } = profile;
  return {
    ...fields,
    gender: gender ?? undefined,
    addresses: nestedMany(
      (addresses ?? []).map(({ id, isPrimary, ...address }, position) => ({
        ...address,
        label: id,
        isPrimary: isPrimary ?? false,
        position,
      })),
    ),
  };
}
