import type { Prisma, User } from "../../generated/prisma/client.ts";
import type { QueuedMailedLink } from "../mailed-links.ts";
import type { IdentityProvider } from "../../generated/prisma/enums.ts";
import type { StoredDigest } from "../passwords/password-hashing.ts";
import type { RandomToken } from "../random-tokens.ts";
import type { SessionOrigin } from "../sessions/session-origin.ts";
import type { NormalizedEmailAddress } from "./validation/email-address.ts";
import type { ProfileValues } from "./validation/profile.ts";
import type { NormalizedUsername } from "./validation/username.ts";
import type { NormalizedWeb3Wallet } from "./validation/web3-wallet.ts";
import type { CreateUserValues } from "./user-input.ts";

/**
 * A validated user about to be written, whichever operation made it. `toTableRows` turns it into
 * rows, table by table, that `insertUsers` writes in one statement: nothing is half-written.
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
  createOrganizationsLimit?: bigint | null;
  legalAcceptedAt?: Date | null;
  createdAt?: Date | null;
  password?: StoredDigest;
  encryptedTotpSecret?: string;
  backupCodeDigests: string[];
  /** `verifyEmail`: the token and the mail with its link, written with the user. */
  emailVerification?: QueuedMailedLink;
  /** Sign-up: the session the new user leaves signed in with, and where it was opened from. */
  firstSession?: { token: RandomToken; origin: SessionOrigin };
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
    identities: identityKeys(user.identities),
  };
}

type IdentityValues = NewUser["identities"];

/** The identities' unique keys: (provider, the user's id there), for those that have an id. */
export function identityKeys(identities: IdentityValues): UniqueValues["identities"] {
  return identities.flatMap((identity) => (identity.id == null ? [] : [{ provider: identity.provider, providerUserId: identity.id }]));
}

/** The identities' rows, in the order given, without the user's id. */
export function identityRows(identities: IdentityValues) {
  return identities.map((identity, position) => ({
    connection: identity.connection,
    provider: identity.provider,
    type: identity.type,
    providerUserId: identity.id,
    details: identity.details as Prisma.InputJsonObject,
    position,
  }));
}

const orUndefined = <Value>(value: Value | null | undefined): Value | undefined => value ?? undefined;

/**
 * The user's own columns that the read side shows. Its times are one instant of this process's
 * clock (`storedAt`), the clock updates and sign-ins use too: a database default for createdAt could
 * come out before updatedAt. Each is given here rather than left to a database default, so that the
 * row as written (`WrittenUser`) is the row as stored.
 */
function shownColumns(user: NewUser, storedAt: Date) {
  return {
    externalId: user.externalId ?? null,
    username: user.username?.username ?? null,
    name: user.name ?? null,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    picture: user.picture ?? null,
    blocked: user.blocked ?? false,
    loginAttempts: user.loginAttempts ?? 0,
    deleteSelfEnabled: user.deleteSelfEnabled ?? true,
    createOrganizationEnabled: user.createOrganizationEnabled ?? true,
    createOrganizationsLimit: user.createOrganizationsLimit ?? 0n,
    legalAcceptedAt: user.legalAcceptedAt ?? null,
    createdAt: user.createdAt ?? storedAt,
    updatedAt: storedAt,
    // A sign-up leaves the user signed in.
    lastSignInAt: user.firstSession ? storedAt : null,
  };
}

/** The user's other columns: the username's key, and the metadata documents (a database default `{}` when absent). */
function otherColumns(user: NewUser) {
  return {
    usernameNormalized: user.username?.usernameNormalized ?? null,
    metadata: orUndefined(user.metadata) as Prisma.InputJsonObject | undefined,
    publicMetadata: orUndefined(user.publicMetadata) as Prisma.InputJsonObject | undefined,
    privateMetadata: orUndefined(user.privateMetadata) as Prisma.InputJsonObject | undefined,
    unsafeMetadata: orUndefined(user.unsafeMetadata) as Prisma.InputJsonObject | undefined,
  };
}

/**
 * A user as an operation that wrote them left them (a sign-up, createUser, importUsers; a sign-in,
 * which records itself on the user), for its answer: their own columns but the metadata documents
 * and the last TOTP step accepted (which no field shows), and their primary email address and
 * phone number. A result that selects no more is answered from it rather than read back.
 */
export interface WrittenUser {
  columns: Omit<User, "usernameNormalized" | "metadata" | "publicMetadata" | "privateMetadata" | "unsafeMetadata" | "totpLastUsedStep">;
  primaryEmailAddress: { email: string; verified: boolean } | null;
  primaryPhoneNumber: { phoneNumber: string; verified: boolean } | null;
}

/** The rows that belong to the user, without the user's id. */
function childRows(user: NewUser) {
  return {
    emailAddresses: user.emailAddresses.map((address, index) => ({
      ...address,
      verified: user.emailVerified,
      primary: index === 0,
    })),
    phoneNumbers: user.phoneNumbers.map((phoneNumber, index) => ({
      phoneNumber,
      verified: user.phoneNumberVerified,
      primary: index === 0,
    })),
    web3Wallets: user.web3Wallets.map((wallet, index) => ({ ...wallet, primary: index === 0 })),
    identities: identityRows(user.identities),
    profile: user.profile ? profileColumns(user.profile) : undefined,
    addresses: addressRows(user.profile?.addresses ?? []),
    passwordCredentials: user.password ? [user.password] : [],
    totpCredentials: user.encryptedTotpSecret ? [{ encryptedSecret: user.encryptedTotpSecret }] : [],
    backupCodes: user.backupCodeDigests.map((digest) => ({ digest })),
    emailVerificationTokens: user.emailVerification ? [user.emailVerification.token] : [],
    outboxMessages: user.emailVerification ? [user.emailVerification.message] : [],
  };
}

// The rows travel as JSON (`bulk-rows.ts`), which has no bigint: the Long goes as its decimal
// text, which PostgreSQL reads exactly.
type UserRow = Omit<Prisma.UserCreateManyInput, "createOrganizationsLimit"> & { createOrganizationsLimit: string };

/**
 * Flat rows of users, table by table (one insert per table: how bulk import writes a thousand users
 * in one statement), and each user as those rows write them. `userIds` are the ids to give them, in order.
 */
export function toTableRows(users: readonly NewUser[], userIds: readonly string[], storedAt: Date) {
  const tables = {
    users: [] as UserRow[],
    emailAddresses: [] as Prisma.EmailAddressCreateManyInput[],
    phoneNumbers: [] as Prisma.PhoneNumberCreateManyInput[],
    web3Wallets: [] as Prisma.Web3WalletCreateManyInput[],
    identities: [] as Prisma.IdentityCreateManyInput[],
    profiles: [] as Prisma.ProfileCreateManyInput[],
    addresses: [] as Prisma.AddressCreateManyInput[],
    passwordCredentials: [] as Prisma.PasswordCredentialCreateManyInput[],
    totpCredentials: [] as Prisma.TotpCredentialCreateManyInput[],
    backupCodes: [] as Prisma.BackupCodeCreateManyInput[],
    emailVerificationTokens: [] as Prisma.EmailVerificationTokenCreateManyInput[],
    outboxMessages: [] as Prisma.OutboxMessageCreateManyInput[],
    sessions: [] as Prisma.SessionCreateManyInput[],
  };
  const written: WrittenUser[] = [];
  users.forEach((user, index) => {
    const userId = userIds[index]!;
    const rows = childRows(user);
    const owned = <Row>(list: Row[]) => list.map((row) => ({ ...row, userId }));
    const shown = shownColumns(user, storedAt);
    tables.users.push({ ...shown, ...otherColumns(user), createOrganizationsLimit: shown.createOrganizationsLimit.toString(), id: userId });
    const [primaryEmailAddress] = rows.emailAddresses;
    const [primaryPhoneNumber] = rows.phoneNumbers;
    written.push({
      columns: { id: userId, ...shown },
      primaryEmailAddress: primaryEmailAddress ? { email: primaryEmailAddress.email, verified: primaryEmailAddress.verified } : null,
      primaryPhoneNumber: primaryPhoneNumber ? { phoneNumber: primaryPhoneNumber.phoneNumber, verified: primaryPhoneNumber.verified } : null,
    });
    tables.emailAddresses.push(...owned(rows.emailAddresses));
    tables.phoneNumbers.push(...owned(rows.phoneNumbers));
    tables.web3Wallets.push(...owned(rows.web3Wallets));
    tables.identities.push(...owned(rows.identities));
    if (rows.profile) tables.profiles.push({ ...rows.profile, userId });
    tables.addresses.push(...rows.addresses.map((address) => ({ ...address, profileUserId: userId })));
    tables.passwordCredentials.push(...owned(rows.passwordCredentials));
    tables.totpCredentials.push(...owned(rows.totpCredentials));
    tables.backupCodes.push(...owned(rows.backupCodes));
    tables.emailVerificationTokens.push(...owned(rows.emailVerificationTokens));
    tables.outboxMessages.push(...owned(rows.outboxMessages));
    if (user.firstSession) {
      const { token, origin } = user.firstSession;
      tables.sessions.push({ userId, tokenHash: token.tokenHash, expiresAt: token.expiresAt, userAgent: origin.userAgent, ipAddress: origin.ipAddress });
    }
  });
  return { tables, written };
}

function nestedMany<Row>(rows: Row[]): { createMany: { data: Row[] } } | undefined {
  return rows.length > 0 ? { createMany: { data: rows } } : undefined;
}

function profileColumns(profile: ProfileValues) {
  const { addresses: _addresses, gender, ...fields } = profile;
  return { ...fields, gender: gender ?? undefined };
}

function addressRows(addresses: NonNullable<ProfileValues["addresses"]>) {
  return addresses.map(({ id, isPrimary, ...address }, position) => ({
    ...address,
    label: id,
    isPrimary: isPrimary ?? false,
    position,
  }));
}

/** A profile with its addresses, for a nested create under an existing user. */
export function toProfileData(profile: ProfileValues): Prisma.ProfileCreateWithoutUserInput {
  return { ...profileColumns(profile), addresses: nestedMany(addressRows(profile.addresses ?? [])) };
}
