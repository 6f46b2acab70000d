/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type SignInInput = {
  /** A TOTP code or a backup code, for accounts with TOTP. */
  code?: string | null | undefined;
  /** An email address, a phone number or a username. */
  identifier: string;
  password: string;
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
  /** The user accepts the legal terms now (sets legalAcceptedAt). */
  legalAccepted?: boolean | null | undefined;
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
  /** Skip the instance's legal acceptance requirement. Privileged: needs an admin API key. */
  skipLegalChecks?: boolean | null | undefined;
  username?: string | null | undefined;
  /** Send a verification link to the email address. */
  verifyEmail?: boolean | null | undefined;
};

export type ExampleSignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type ExampleSignUpMutation = { signUp:
    | { __typename: 'ConflictError', message: string, fields: Array<string> }
    | { __typename: 'ForbiddenError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'PasswordPolicyError', message: string, reasons: Array<string> }
    | { __typename: 'SignUpSuccess', user: { id: string, email: string | null, username: string | null, profile: { givenName: string | null, familyName: string | null } | null } }
    | { __typename: 'ValidationError', message: string, fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type ExampleSignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type ExampleSignInMutation = { signIn:
    | { __typename: 'InvalidCredentialsError', message: string }
    | { __typename: 'SecondFactorRequiredError', message: string }
    | { __typename: 'SignInSuccess', user: { id: string, email: string | null, username: string | null, profile: { givenName: string | null, familyName: string | null } | null } }
    | { __typename: 'UserBlockedError', message: string }
   };

export type ExampleSignOutMutationVariables = Exact<{
  everywhere: boolean;
}>;


export type ExampleSignOutMutation = { signOut: boolean };

export type ExampleRequestPasswordResetMutationVariables = Exact<{
  email: string;
}>;


export type ExampleRequestPasswordResetMutation = { requestPasswordReset:
    | { __typename: 'RequestPasswordResetSuccess' }
    | { __typename: 'ValidationError', fieldErrors: Array<{ path: Array<string>, message: string }> }
   };

export type ExampleMySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExampleMySessionsQuery = { mySessions: Array<{ id: string, signedInAt: string, current: boolean, userAgent: string | null, ipAddress: string | null }> };

export type ExampleSignOutSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type ExampleSignOutSessionMutation = { signOutSession: boolean };

export type ExampleSignOutOtherSessionsMutationVariables = Exact<{ [key: string]: never; }>;


export type ExampleSignOutOtherSessionsMutation = { signOutOtherSessions: number };

export type ExampleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ExampleMeQuery = { me: { id: string, email: string | null, username: string | null, profile: { givenName: string | null, familyName: string | null } | null } | null };

export type SignedInUserFragment = { id: string, email: string | null, username: string | null, profile: { givenName: string | null, familyName: string | null } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SignedInUserFragmentDoc = new TypedDocumentString(`
    fragment SignedInUser on User {
  id
  email
  username
  profile {
    givenName
    familyName
  }
}
    `, {"fragmentName":"SignedInUser"}) as unknown as TypedDocumentString<SignedInUserFragment, unknown>;
export const ExampleSignUpDocument = new TypedDocumentString(`
    mutation ExampleSignUp($input: SignUpInput!) {
  signUp(input: $input) {
    __typename
    ... on SignUpSuccess {
      user {
        ...SignedInUser
      }
    }
    ... on ValidationError {
      message
      fieldErrors {
        path
        message
      }
    }
    ... on ConflictError {
      message
      fields
    }
    ... on PasswordPolicyError {
      message
      reasons
    }
    ... on Error {
      message
    }
  }
}
    fragment SignedInUser on User {
  id
  email
  username
  profile {
    givenName
    familyName
  }
}`, {"hash":"6dc802d60e41a76420ef1fa67bc302ab0ff736d973bee256511a578db1139c54"}) as unknown as TypedDocumentString<ExampleSignUpMutation, ExampleSignUpMutationVariables>;
export const ExampleSignInDocument = new TypedDocumentString(`
    mutation ExampleSignIn($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignInSuccess {
      user {
        ...SignedInUser
      }
    }
    ... on Error {
      message
    }
  }
}
    fragment SignedInUser on User {
  id
  email
  username
  profile {
    givenName
    familyName
  }
}`, {"hash":"bec07d1b2e89e86f03b94d98b2728d6ca1586ac703209e96be322e055e786a9e"}) as unknown as TypedDocumentString<ExampleSignInMutation, ExampleSignInMutationVariables>;
export const ExampleSignOutDocument = new TypedDocumentString(`
    mutation ExampleSignOut($everywhere: Boolean!) {
  signOut(everywhere: $everywhere)
}
    `, {"hash":"3e303580a0e8cba2b3cab6a2a25acbeaaf96ed65b69c928964b49c636f8d977e"}) as unknown as TypedDocumentString<ExampleSignOutMutation, ExampleSignOutMutationVariables>;
export const ExampleRequestPasswordResetDocument = new TypedDocumentString(`
    mutation ExampleRequestPasswordReset($email: String!) {
  requestPasswordReset(email: $email) {
    __typename
    ... on ValidationError {
      fieldErrors {
        path
        message
      }
    }
  }
}
    `, {"hash":"b3e310a66c76a6d034abfa63cea0262f949e59700dc58635e75d96d8ded4217f"}) as unknown as TypedDocumentString<ExampleRequestPasswordResetMutation, ExampleRequestPasswordResetMutationVariables>;
export const ExampleMySessionsDocument = new TypedDocumentString(`
    query ExampleMySessions {
  mySessions {
    id
    signedInAt
    current
    userAgent
    ipAddress
  }
}
    `, {"hash":"969d50272a8650048a67a70aa7f0a211e1d84c614c0175ae14d1fa783a6743bf"}) as unknown as TypedDocumentString<ExampleMySessionsQuery, ExampleMySessionsQueryVariables>;
export const ExampleSignOutSessionDocument = new TypedDocumentString(`
    mutation ExampleSignOutSession($id: ID!) {
  signOutSession(id: $id)
}
    `, {"hash":"7f448451579d5504d2edef23b1069b85e61ac47949cccd5e1feed910f5df0ea5"}) as unknown as TypedDocumentString<ExampleSignOutSessionMutation, ExampleSignOutSessionMutationVariables>;
export const ExampleSignOutOtherSessionsDocument = new TypedDocumentString(`
    mutation ExampleSignOutOtherSessions {
  signOutOtherSessions
}
    `, {"hash":"791121a8b74fa0ef5e3f599e64ddee41ff70df2b5d7fae5f9fb798d415c27523"}) as unknown as TypedDocumentString<ExampleSignOutOtherSessionsMutation, ExampleSignOutOtherSessionsMutationVariables>;
export const ExampleMeDocument = new TypedDocumentString(`
    query ExampleMe {
  me {
    ...SignedInUser
  }
}
    fragment SignedInUser on User {
  id
  email
  username
  profile {
    givenName
    familyName
  }
}`, {"hash":"b54bc8b30d2eebd00bf6b75db1af5772ef74b8be394ce924cb0d6a81c2124745"}) as unknown as TypedDocumentString<ExampleMeQuery, ExampleMeQueryVariables>;