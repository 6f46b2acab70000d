/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.CreateUserSpecMeDocument,
    "\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.CreateUserSpecUserDocument,
    "\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n": typeof types.ErrorFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.SignUpWithAdminFieldsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.SecretsUserByIdDocument,
    "\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.SecretsMeDocument,
    "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n": typeof types.SignUpStoredUserDocument,
    "\n  query SignUpMe {\n    me { id email }\n  }\n": typeof types.SignUpMeDocument,
};
const documents: Documents = {
    "\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": types.CreateUserSpecMeDocument,
    "\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": types.CreateUserSpecUserDocument,
    "\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n": types.ErrorFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.SignUpWithAdminFieldsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.CreateUserDocument,
    "\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": types.SecretsUserByIdDocument,
    "\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": types.SecretsMeDocument,
    "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n": types.SignUpStoredUserDocument,
    "\n  query SignUpMe {\n    me { id email }\n  }\n": types.SignUpMeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n"): (typeof documents)["\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n"): (typeof documents)["\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n"): (typeof documents)["\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"): (typeof documents)["\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"): (typeof documents)["\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n"): (typeof documents)["\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignUpMe {\n    me { id email }\n  }\n"): (typeof documents)["\n  query SignUpMe {\n    me { id email }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;