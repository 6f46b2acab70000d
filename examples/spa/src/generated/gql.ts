/* eslint-disable */
import * as types from './graphql.ts';



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
    "\n  mutation ExampleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...SignedInUser } }\n      ... on ValidationError { message fieldErrors { path message } }\n      ... on ConflictError { message fields }\n      ... on PasswordPolicyError { message reasons }\n      ... on Error { message }\n    }\n  }\n": typeof types.ExampleSignUpDocument,
    "\n  mutation ExampleSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...SignedInUser } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ExampleSignInDocument,
    "\n  mutation ExampleSignOut($everywhere: Boolean!) {\n    signOut(everywhere: $everywhere)\n  }\n": typeof types.ExampleSignOutDocument,
    "\n  mutation ExampleRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": typeof types.ExampleRequestPasswordResetDocument,
    "\n  query ExampleMySessions {\n    mySessions { id signedInAt current userAgent ipAddress }\n  }\n": typeof types.ExampleMySessionsDocument,
    "\n  mutation ExampleSignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n": typeof types.ExampleSignOutSessionDocument,
    "\n  mutation ExampleSignOutOtherSessions {\n    signOutOtherSessions\n  }\n": typeof types.ExampleSignOutOtherSessionsDocument,
    "\n  query ExampleMe {\n    me { ...SignedInUser }\n  }\n": typeof types.ExampleMeDocument,
    "\n  fragment SignedInUser on User {\n    id\n    email\n    username\n    profile { givenName familyName }\n  }\n": typeof types.SignedInUserFragmentDoc,
};
const documents: Documents = {
    "\n  mutation ExampleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...SignedInUser } }\n      ... on ValidationError { message fieldErrors { path message } }\n      ... on ConflictError { message fields }\n      ... on PasswordPolicyError { message reasons }\n      ... on Error { message }\n    }\n  }\n": types.ExampleSignUpDocument,
    "\n  mutation ExampleSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...SignedInUser } }\n      ... on Error { message }\n    }\n  }\n": types.ExampleSignInDocument,
    "\n  mutation ExampleSignOut($everywhere: Boolean!) {\n    signOut(everywhere: $everywhere)\n  }\n": types.ExampleSignOutDocument,
    "\n  mutation ExampleRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": types.ExampleRequestPasswordResetDocument,
    "\n  query ExampleMySessions {\n    mySessions { id signedInAt current userAgent ipAddress }\n  }\n": types.ExampleMySessionsDocument,
    "\n  mutation ExampleSignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n": types.ExampleSignOutSessionDocument,
    "\n  mutation ExampleSignOutOtherSessions {\n    signOutOtherSessions\n  }\n": types.ExampleSignOutOtherSessionsDocument,
    "\n  query ExampleMe {\n    me { ...SignedInUser }\n  }\n": types.ExampleMeDocument,
    "\n  fragment SignedInUser on User {\n    id\n    email\n    username\n    profile { givenName familyName }\n  }\n": types.SignedInUserFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...SignedInUser } }\n      ... on ValidationError { message fieldErrors { path message } }\n      ... on ConflictError { message fields }\n      ... on PasswordPolicyError { message reasons }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql.ts').ExampleSignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...SignedInUser } }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql.ts').ExampleSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleSignOut($everywhere: Boolean!) {\n    signOut(everywhere: $everywhere)\n  }\n"): typeof import('./graphql.ts').ExampleSignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n"): typeof import('./graphql.ts').ExampleRequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExampleMySessions {\n    mySessions { id signedInAt current userAgent ipAddress }\n  }\n"): typeof import('./graphql.ts').ExampleMySessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleSignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n"): typeof import('./graphql.ts').ExampleSignOutSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExampleSignOutOtherSessions {\n    signOutOtherSessions\n  }\n"): typeof import('./graphql.ts').ExampleSignOutOtherSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExampleMe {\n    me { ...SignedInUser }\n  }\n"): typeof import('./graphql.ts').ExampleMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignedInUser on User {\n    id\n    email\n    username\n    profile { givenName familyName }\n  }\n"): typeof import('./graphql.ts').SignedInUserFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
