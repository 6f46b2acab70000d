import { graphql } from "./generated/gql.ts";

// The operations the tests send, typed by GraphQL Code Generator (`npm run codegen`).

export const UserFieldsFragment = graphql(`
  fragment UserFields on User {
    id
    externalId
    email
    emailVerified
    emailAddresses { email verified primary }
    phoneNumber
    phoneNumberVerified
    phoneNumbers { phoneNumber verified primary }
    web3Wallets { address primary }
    username
    name
    firstName
    lastName
    picture
    profile {
      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo
      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }
    }
    identities { connection provider type id details }
    metadata
    publicMetadata
    unsafeMetadata
    blocked
    hasPassword
    totpEnabled
    deleteSelfEnabled
    createOrganizationEnabled
    createOrganizationsLimit
    legalAcceptedAt
    createdAt
    updatedAt
    lastSignInAt
  }
`);

export const ErrorFieldsFragment = graphql(`
  fragment ErrorFields on Error {
    __typename
    message
    ... on ValidationError { fieldErrors { path message } }
    ... on ConflictError { fields }
    ... on PasswordPolicyError { reasons }
    ... on ForbiddenError { fields }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { ...UserFields } }
      ... on Error { ...ErrorFields }
    }
  }
`);

export const SignUpWithAdminFieldsMutation = graphql(`
  mutation SignUpWithAdminFields($input: SignUpInput!) {
    signUp(input: $input) {
      __typename
      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }
      ... on Error { ...ErrorFields }
    }
  }
`);

export const CreateUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }
      ... on Error { ...ErrorFields }
    }
  }
`);
