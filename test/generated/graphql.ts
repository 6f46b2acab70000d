/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddressInput = {
  city?: string | null | undefined;
  country?: string | null | undefined;
  firstName?: string | null | undefined;
  /** A label for the address, e.g. "Delivery Address". */
  id?: string | null | undefined;
  isPrimary?: boolean | null | undefined;
  lastName?: string | null | undefined;
  state?: string | null | undefined;
  /** May hold several lines. */
  streetAddress?: string | null | undefined;
  streetAddress2?: string | null | undefined;
  zipCode?: string | null | undefined;
};

/** seed 004's create-user body, plus the seed-000 fields it lacks. The first entry of each list is primary. */
export type CreateUserInput = {
  /** Plain codes or their bcrypt digests. */
  backupCodes?: Array<string> | null | undefined;
  blocked?: boolean | null | undefined;
  createOrganizationEnabled?: boolean | null | undefined;
  /** 0 means unlimited. */
  createOrganizationsLimit?: number | null | undefined;
  /** RFC 3339 date-time; defaults to now. */
  createdAt?: string | null | undefined;
  deleteSelfEnabled?: boolean | null | undefined;
  /** Unique; the first is primary. */
  emailAddress?: Array<string> | null | undefined;
  /** Marks every given email address verified. */
  emailVerified?: boolean | null | undefined;
  /** The user's id in your other systems; unique. */
  externalId?: string | null | undefined;
  firstName?: string | null | undefined;
  identities?: Array<IdentityInput> | null | undefined;
  lastName?: string | null | undefined;
  /** RFC 3339 date-time. */
  legalAcceptedAt?: string | null | undefined;
  /** 0 to 20000. */
  loginAttempts?: number | null | undefined;
  /** At most 10 keys; string, number, boolean or null values. */
  metadata?: Record<string, unknown> | null | undefined;
  name?: string | null | undefined;
  /** Plain text, hashed with argon2id. */
  password?: string | null | undefined;
  /** An existing digest, in the format of `passwordHasher`. */
  passwordDigest?: string | null | undefined;
  passwordHasher?: PasswordHasher | null | undefined;
  /** Unique, stored as E.164; the first is primary. */
  phoneNumber?: Array<string> | null | undefined;
  /** Marks every given phone number verified. */
  phoneNumberVerified?: boolean | null | undefined;
  /** An absolute http(s) URL. */
  picture?: string | null | undefined;
  /** At most 8 KiB; readable only with an admin key. */
  privateMetadata?: Record<string, unknown> | null | undefined;
  profile?: ProfileInput | null | undefined;
  /** At most 8 KiB. */
  publicMetadata?: Record<string, unknown> | null | undefined;
  skipLegalChecks?: boolean | null | undefined;
  /** Skip the password policy. */
  skipPasswordChecks?: boolean | null | undefined;
  /** Allow a user without a password. */
  skipPasswordRequirement?: boolean | null | undefined;
  /** Base32; 30 s, 6 digits, SHA-1. Stored encrypted. */
  totpSecret?: string | null | undefined;
  /** At most 8 KiB. */
  unsafeMetadata?: Record<string, unknown> | null | undefined;
  username?: string | null | undefined;
  /** Send a verification link to the primary email address. */
  verifyEmail?: boolean | null | undefined;
  /** 0x + 40 hex digits (EIP-55 checked when mixed case); the first is primary. */
  web3Wallet?: Array<string> | null | undefined;
};

/** The function a new password is hashed with (seed 000 `hash_fn`). */
export type HashFunction =
  | 'ARGON2'
  | 'BCRYPT'
  | 'PBKDF2';

export type IdentityInput = {
  /** The connection's name. */
  connection: string;
  /** The raw user object from the connection. */
  details: Record<string, unknown>;
  /** The user's id at that connection; unique per provider. */
  id?: string | null | undefined;
  provider: IdentityProvider;
  type: IdentityType;
};

export type IdentityProvider =
  | 'AMAZON'
  | 'APPLE'
  | 'AWS_SES'
  | 'CUSTOM'
  | 'CUSTOM_OAUTH2'
  | 'DATAPORT'
  | 'DRIBBBLE'
  | 'DROPBOX'
  | 'EXPO'
  | 'E_DEVLET'
  | 'FACEBOOK'
  | 'GITHUB'
  | 'GOOGLE'
  | 'HOTP'
  | 'LDAP'
  | 'LINKEDIN'
  | 'MESSAGEBIRD'
  | 'MICROSOFT'
  | 'NATIVE'
  | 'NETGSM'
  | 'ONE_SIGNAL'
  | 'POSTMARK'
  | 'SAML'
  | 'SENDGRID'
  | 'SLACK'
  | 'SMTP'
  | 'SPARKPOST'
  | 'SPOTIFY'
  | 'THREE_G_BILISIM'
  | 'TOTP'
  | 'TWILIO'
  | 'TWITTER'
  | 'VONAGE';

export type IdentityType =
  | 'EMAIL'
  | 'ENTERPRISE'
  | 'OTP'
  | 'PUSH'
  | 'SMS'
  | 'SOCIAL';

/** The algorithm an imported `passwordDigest` was made with (seed 004 `password_hasher`). */
export type PasswordHasher =
  | 'ARGON2I'
  | 'ARGON2ID'
  | 'BCRYPT'
  | 'BCRYPT_SHA256_DJANGO'
  | 'MD5'
  | 'PBKDF2_SHA1'
  | 'PBKDF2_SHA256'
  | 'PBKDF2_SHA256_DJANGO'
  | 'PHPASS'
  | 'SCRYPT_FIREBASE'
  | 'SCRYPT_WERKZEUG'
  | 'SHA256';

export type ProfileInput = {
  addresses?: Array<AddressInput> | null | undefined;
  /** YYYY-MM-DD (year 0000 when omitted) or YYYY. */
  birthdate?: string | null | undefined;
  familyName?: string | null | undefined;
  /** A short code, or an integer from -10 to 10. */
  gender?: string | number | null | undefined;
  givenName?: string | null | undefined;
  /** A BCP 47 tag such as en-US. */
  locale?: string | null | undefined;
  middleName?: string | null | undefined;
  nickname?: string | null | undefined;
  /** An absolute http(s) URL. */
  profilePage?: string | null | undefined;
  /** An absolute http(s) URL. */
  website?: string | null | undefined;
  /** An IANA time zone such as Europe/Paris. */
  zoneinfo?: string | null | undefined;
};

/** seed 000's sign-up body in camelCase. */
export type SignUpInput = {
  /** Privileged: needs an admin API key. */
  blocked?: boolean | null | undefined;
  email?: string | null | undefined;
  /** Privileged: needs an admin API key. */
  emailVerified?: boolean | null | undefined;
  /** Default ARGON2 (argon2id). Privileged: needs an admin API key. */
  hashFn?: HashFunction | null | undefined;
  identities?: Array<IdentityInput> | null | undefined;
  /** 0 to 20000. Privileged: needs an admin API key. */
  loginAttempts?: number | null | undefined;
  /** At most 10 keys; string, number, boolean or null values. */
  metadata?: Record<string, unknown> | null | undefined;
  /** Full name in displayable form. */
  name?: string | null | undefined;
  /** Plain text; the password policy applies. */
  password?: string | null | undefined;
  /** Any format libphonenumber-js parses with a country code; stored as E.164. */
  phoneNumber?: string | null | undefined;
  /** Privileged: needs an admin API key. */
  phoneNumberVerified?: boolean | null | undefined;
  /** An absolute http(s) URL. */
  picture?: string | null | undefined;
  profile?: ProfileInput | null | undefined;
  /** Replaces the random salt. Privileged: needs an admin API key. */
  salt?: string | null | undefined;
  username?: string | null | undefined;
  /** Send a verification link to the email address. */
  verifyEmail?: boolean | null | undefined;
};

export type UserFieldsFragment = { id: string, externalId: string | null, email: string | null, emailVerified: boolean, phoneNumber: string | null, phoneNumberVerified: boolean, username: string | null, name: string | null, firstName: string | null, lastName: string | null, picture: string | null, metadata: Record<string, unknown>, publicMetadata: Record<string, unknown>, unsafeMetadata: Record<string, unknown>, blocked: boolean, hasPassword: boolean, totpEnabled: boolean, deleteSelfEnabled: boolean, createOrganizationEnabled: boolean, createOrganizationsLimit: number, legalAcceptedAt: string | null, createdAt: string, updatedAt: string, lastSignInAt: string | null, emailAddresses: Array<{ email: string, verified: boolean, primary: boolean }>, phoneNumbers: Array<{ phoneNumber: string, verified: boolean, primary: boolean }>, web3Wallets: Array<{ address: string, primary: boolean }>, profile: { birthdate: string | null, familyName: string | null, gender: string | number | null, givenName: string | null, locale: string | null, middleName: string | null, nickname: string | null, profilePage: string | null, website: string | null, zoneinfo: string | null, addresses: Array<{ id: string | null, isPrimary: boolean, firstName: string | null, lastName: string | null, streetAddress: string | null, streetAddress2: string | null, city: string | null, state: string | null, zipCode: string | null, country: string | null }> } | null, identities: Array<{ connection: string, provider: IdentityProvider, type: IdentityType, id: string | null, details: Record<string, unknown> }> };

type ErrorFields_ConflictError_Fragment = { __typename: 'ConflictError', fields: Array<string>, message: string };

type ErrorFields_ForbiddenError_Fragment = { __typename: 'ForbiddenError', fields: Array<string>, message: string };

type ErrorFields_PasswordPolicyError_Fragment = { __typename: 'PasswordPolicyError', reasons: Array<string>, message: string };

type ErrorFields_ValidationError_Fragment = { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> };

export type ErrorFieldsFragment =
  | ErrorFields_ConflictError_Fragment
  | ErrorFields_ForbiddenError_Fragment
  | ErrorFields_PasswordPolicyError_Fragment
  | ErrorFields_ValidationError_Fragment
;

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp:
    | { __typename: 'ConflictError', fields: Array<string>, message: string }
    | { __typename: 'ForbiddenError', fields: Array<string>, message: string }
    | { __typename: 'PasswordPolicyError', reasons: Array<string>, message: string }
    | { __typename: 'SignUpSuccess', user: { id: string, externalId: string | null, email: string | null, emailVerified: boolean, phoneNumber: string | null, phoneNumberVerified: boolean, username: string | null, name: string | null, firstName: string | null, lastName: string | null, picture: string | null, metadata: Record<string, unknown>, publicMetadata: Record<string, unknown>, unsafeMetadata: Record<string, unknown>, blocked: boolean, hasPassword: boolean, totpEnabled: boolean, deleteSelfEnabled: boolean, createOrganizationEnabled: boolean, createOrganizationsLimit: number, legalAcceptedAt: string | null, createdAt: string, updatedAt: string, lastSignInAt: string | null, emailAddresses: Array<{ email: string, verified: boolean, primary: boolean }>, phoneNumbers: Array<{ phoneNumber: string, verified: boolean, primary: boolean }>, web3Wallets: Array<{ address: string, primary: boolean }>, profile: { birthdate: string | null, familyName: string | null, gender: string | number | null, givenName: string | null, locale: string | null, middleName: string | null, nickname: string | null, profilePage: string | null, website: string | null, zoneinfo: string | null, addresses: Array<{ id: string | null, isPrimary: boolean, firstName: string | null, lastName: string | null, streetAddress: string | null, streetAddress2: string | null, city: string | null, state: string | null, zipCode: string | null, country: string | null }> } | null, identities: Array<{ connection: string, provider: IdentityProvider, type: IdentityType, id: string | null, details: Record<string, unknown> }> } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type SignUpWithAdminFieldsMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpWithAdminFieldsMutation = { signUp:
    | { __typename: 'ConflictError', fields: Array<string>, message: string }
    | { __typename: 'ForbiddenError', fields: Array<string>, message: string }
    | { __typename: 'PasswordPolicyError', reasons: Array<string>, message: string }
    | { __typename: 'SignUpSuccess', user: { id: string, loginAttempts: number | null, privateMetadata: Record<string, unknown> | null, backupCodeCount: number | null } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser:
    | { __typename: 'ConflictError', fields: Array<string>, message: string }
    | { __typename: 'CreateUserSuccess', user: { loginAttempts: number | null, privateMetadata: Record<string, unknown> | null, backupCodeCount: number | null, id: string, externalId: string | null, email: string | null, emailVerified: boolean, phoneNumber: string | null, phoneNumberVerified: boolean, username: string | null, name: string | null, firstName: string | null, lastName: string | null, picture: string | null, metadata: Record<string, unknown>, publicMetadata: Record<string, unknown>, unsafeMetadata: Record<string, unknown>, blocked: boolean, hasPassword: boolean, totpEnabled: boolean, deleteSelfEnabled: boolean, createOrganizationEnabled: boolean, createOrganizationsLimit: number, legalAcceptedAt: string | null, createdAt: string, updatedAt: string, lastSignInAt: string | null, emailAddresses: Array<{ email: string, verified: boolean, primary: boolean }>, phoneNumbers: Array<{ phoneNumber: string, verified: boolean, primary: boolean }>, web3Wallets: Array<{ address: string, primary: boolean }>, profile: { birthdate: string | null, familyName: string | null, gender: string | number | null, givenName: string | null, locale: string | null, middleName: string | null, nickname: string | null, profilePage: string | null, website: string | null, zoneinfo: string | null, addresses: Array<{ id: string | null, isPrimary: boolean, firstName: string | null, lastName: string | null, streetAddress: string | null, streetAddress2: string | null, city: string | null, state: string | null, zipCode: string | null, country: string | null }> } | null, identities: Array<{ connection: string, provider: IdentityProvider, type: IdentityType, id: string | null, details: Record<string, unknown> }> } }
    | { __typename: 'PasswordPolicyError', reasons: Array<string>, message: string }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export const UserFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberVerified"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumbers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"web3Wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"birthdate"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"profilePage"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"zoneinfo"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"zipCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"publicMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"unsafeMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"hasPassword"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"deleteSelfEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationsLimit"}},{"kind":"Field","name":{"kind":"Name","value":"legalAcceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}}]}}]} as unknown as DocumentNode<UserFieldsFragment, unknown>;
export const ErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordPolicyError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<ErrorFieldsFragment, unknown>;
export const SignUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberVerified"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumbers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"web3Wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"birthdate"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"profilePage"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"zoneinfo"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"zipCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"publicMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"unsafeMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"hasPassword"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"deleteSelfEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationsLimit"}},{"kind":"Field","name":{"kind":"Name","value":"legalAcceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordPolicyError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const SignUpWithAdminFieldsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUpWithAdminFields"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"loginAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"privateMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"backupCodeCount"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordPolicyError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<SignUpWithAdminFieldsMutation, SignUpWithAdminFieldsMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UserFields"}},{"kind":"Field","name":{"kind":"Name","value":"loginAttempts"}},{"kind":"Field","name":{"kind":"Name","value":"privateMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"backupCodeCount"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UserFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"emailAddresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberVerified"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumbers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"web3Wallets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"primary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"birthdate"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"givenName"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"middleName"}},{"kind":"Field","name":{"kind":"Name","value":"nickname"}},{"kind":"Field","name":{"kind":"Name","value":"profilePage"}},{"kind":"Field","name":{"kind":"Name","value":"website"}},{"kind":"Field","name":{"kind":"Name","value":"zoneinfo"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress"}},{"kind":"Field","name":{"kind":"Name","value":"streetAddress2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"zipCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"details"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metadata"}},{"kind":"Field","name":{"kind":"Name","value":"publicMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"unsafeMetadata"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"hasPassword"}},{"kind":"Field","name":{"kind":"Name","value":"totpEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"deleteSelfEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"createOrganizationsLimit"}},{"kind":"Field","name":{"kind":"Name","value":"legalAcceptedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fieldErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PasswordPolicyError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reasons"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ForbiddenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;