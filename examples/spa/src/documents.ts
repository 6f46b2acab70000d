import { graphql } from "./generated/gql.ts";

// The operations this app sends. `npm run codegen` types them and lists them, by hash, in
// generated/persisted-documents.json: all a server with PERSISTED_OPERATIONS=only will run.

export const SignUpMutation = graphql(`
  mutation ExampleSignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { ...SignedInUser } }
      ... on ValidationError { message fieldErrors { path message } }
      ... on ConflictError { message fields }
      ... on PasswordPolicyError { message reasons }
      ... on Error { message }
    }
  }
`);

export const SignInMutation = graphql(`
  mutation ExampleSignIn($input: SignInInput!) {
    signIn(input: $input) {
      __typename
      ... on SignInSuccess { user { ...SignedInUser } }
      ... on Error { message }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation ExampleSignOut($everywhere: Boolean!) {
    signOut(everywhere: $everywhere)
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation ExampleRequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email) {
      __typename
      ... on ValidationError { fieldErrors { path message } }
    }
  }
`);

export const MySessionsQuery = graphql(`
  query ExampleMySessions {
    mySessions { id signedInAt current userAgent ipAddress }
  }
`);

export const SignOutSessionMutation = graphql(`
  mutation ExampleSignOutSession($id: ID!) {
    signOutSession(id: $id)
  }
`);

export const SignOutOtherSessionsMutation = graphql(`
  mutation ExampleSignOutOtherSessions {
    signOutOtherSessions
  }
`);

export const MeQuery = graphql(`
  query ExampleMe {
    me { ...SignedInUser }
  }
`);

export const SignedInUserFragment = graphql(`
  fragment SignedInUser on User {
    id
    email
    username
    profile { givenName familyName }
  }
`);
