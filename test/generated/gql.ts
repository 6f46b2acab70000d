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
    "\n  query AdminUsersUser($id: ID!) {\n    user(id: $id) { id email username externalId blocked privateMetadata loginAttempts }\n  }\n": typeof types.AdminUsersUserDocument,
    "\n  query AdminUsersList(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $query: String\n    $email: String\n    $phoneNumber: String\n    $username: String\n    $externalId: String\n    $blocked: Boolean\n  ) {\n    users(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      query: $query\n      email: $email\n      phoneNumber: $phoneNumber\n      username: $username\n      externalId: $externalId\n      blocked: $blocked\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id email phoneNumber username firstName lastName externalId blocked } }\n    }\n  }\n": typeof types.AdminUsersListDocument,
    "\n  query AdminUsersCount($first: Int, $after: String, $last: Int, $before: String, $query: String) {\n    users(first: $first, after: $after, last: $last, before: $before, query: $query) { totalCount }\n  }\n": typeof types.AdminUsersCountDocument,
    "\n  mutation AdminUsersSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": typeof types.AdminUsersSignInDocument,
    "\n  query AdminUsersAddresses($query: String) {\n    users(first: 10, query: $query) {\n      edges {\n        node {\n          id\n          email\n          emailVerified\n          emailAddresses { email primary }\n          phoneNumber\n          phoneNumbers { phoneNumber primary }\n        }\n      }\n    }\n  }\n": typeof types.AdminUsersAddressesDocument,
    "\n  mutation AdminUsersReplaceEmail($id: ID!, $emailAddress: [String!]) {\n    updateUser(id: $id, input: { emailAddress: $emailAddress }) { __typename }\n  }\n": typeof types.AdminUsersReplaceEmailDocument,
    "\n  mutation AdminUsersImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) { __typename }\n  }\n": typeof types.AdminUsersImportDocument,
    "\n  mutation ResetPasswordPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n    }\n  }\n": typeof types.ResetPasswordPageSignUpDocument,
    "\n  mutation ResetPasswordPageRequest($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n": typeof types.ResetPasswordPageRequestDocument,
    "\n  mutation ResetPasswordPageSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": typeof types.ResetPasswordPageSignInDocument,
    "\n  mutation VerifyEmailPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id } }\n    }\n  }\n": typeof types.VerifyEmailPageSignUpDocument,
    "\n    mutation ConcurrencyUpdateEmails($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  ": typeof types.ConcurrencyUpdateEmailsDocument,
    "\n    mutation ConcurrencyRenameUser($id: ID!, $name: String!) {\n      updateUser(id: $id, input: { name: $name }) { __typename }\n    }\n  ": typeof types.ConcurrencyRenameUserDocument,
    "\n    mutation ConcurrencyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  ": typeof types.ConcurrencyReplaceAddressesDocument,
    "\n    mutation ConcurrencySignIn($input: SignInInput!) {\n      signIn(input: $input) { __typename }\n    }\n  ": typeof types.ConcurrencySignInDocument,
    "\n    mutation ConcurrencyRenameMe($input: UpdateMeInput!) {\n      updateMe(input: $input) { __typename }\n    }\n  ": typeof types.ConcurrencyRenameMeDocument,
    "\n    mutation ConcurrencyRequestVerification($userId: ID) {\n      requestEmailVerification(userId: $userId) { __typename }\n    }\n  ": typeof types.ConcurrencyRequestVerificationDocument,
    "\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.CreateUserSpecMeDocument,
    "\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.CreateUserSpecUserDocument,
    "\n  query CreateUserSpecLimit($id: ID!) {\n    user(id: $id) { createOrganizationsLimit }\n  }\n": typeof types.CreateUserSpecLimitDocument,
    "\n  mutation DeleteUserTestDelete($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeleteUserTestDeleteDocument,
    "\n  mutation DeleteUserTestDeleteSelf {\n    deleteSelf {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on ForbiddenError { message fields }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeleteUserTestDeleteSelfDocument,
    "\n  query DeleteUserTestUser($id: ID!) {\n    user(id: $id) { id email totpEnabled backupCodeCount hasPassword }\n  }\n": typeof types.DeleteUserTestUserDocument,
    "\n  query DeleteUserTestMe {\n    me { id }\n  }\n": typeof types.DeleteUserTestMeDocument,
    "\n  mutation DeleteUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": typeof types.DeleteUserTestSignInDocument,
    "\n  mutation DeleteUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id totpEnabled backupCodeCount } }\n    }\n  }\n": typeof types.DeleteUserTestUpdateDocument,
    "\n  mutation DeletedMeanwhileCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeletedMeanwhileCreateDocument,
    "\n  mutation DeletedMeanwhileImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { email profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeletedMeanwhileImportDocument,
    "\n  mutation DeletedMeanwhileUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { firstName profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeletedMeanwhileUpdateDocument,
    "\n  mutation DeletedMeanwhileSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": typeof types.DeletedMeanwhileSignUpDocument,
    "\n  mutation DeletedMeanwhileSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { profile { addresses { city } } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.DeletedMeanwhileSignInDocument,
    "\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n": typeof types.ErrorFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.SignUpWithAdminFieldsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation VerifySignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n": typeof types.VerifySignUpDocument,
    "\n  mutation RacingSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on ConflictError { fields }\n    }\n  }\n": typeof types.RacingSignUpDocument,
    "\n  mutation VerifyCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n": typeof types.VerifyCreateUserDocument,
    "\n  mutation VerifyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n": typeof types.VerifyReplaceAddressesDocument,
    "\n  mutation VerifyUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { name email emailVerified } }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": typeof types.VerifyUpdateUserDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n      ... on VerifyEmailSuccess { email user { id email emailVerified emailAddresses { email verified primary } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation VerifySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": typeof types.VerifySignInDocument,
    "\n  mutation VerifyDeleteUser($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n    }\n  }\n": typeof types.VerifyDeleteUserDocument,
    "\n  mutation RequestEmailVerification($userId: ID) {\n    requestEmailVerification(userId: $userId) {\n      __typename\n      ... on RequestEmailVerificationSuccess { email }\n      ... on Error { message }\n    }\n  }\n": typeof types.RequestEmailVerificationDocument,
    "\n  mutation ImportUsersTestImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { id email username externalId phoneNumber hasPassword createOrganizationsLimit } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.ImportUsersTestImportDocument,
    "\n  query ImportUsersTestCount($email: String, $username: String, $query: String) {\n    users(first: 1, email: $email, username: $username, query: $query) { totalCount }\n  }\n": typeof types.ImportUsersTestCountDocument,
    "\n  mutation ImportUsersTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": typeof types.ImportUsersTestSignInDocument,
    "\n  mutation ImportUsersTestIds($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      ... on CreateUserSuccess {\n        user { id }\n        aliased: user { __typename newId: id }\n        spread: user { ...ImportUsersTestUserId ... on User { id } }\n        wider: user { ...ImportUsersTestUserId email externalId }\n      }\n    }\n  }\n  fragment ImportUsersTestUserId on User { id }\n": typeof types.ImportUsersTestIdsDocument,
    "\n  query ImportUsersTestIdOfEmail($email: String!) {\n    users(first: 1, email: $email) { edges { node { id } } }\n  }\n": typeof types.ImportUsersTestIdOfEmailDocument,
    "\n  mutation LegalUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { legalAcceptedAt } }\n      ... on ValidationError { fieldErrors { path } }\n    }\n  }\n": typeof types.LegalUpdateUserDocument,
    "\n  query MySessions {\n    mySessions { id signedInAt lastSeenAt expiresAt current userAgent ipAddress }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation SignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n": typeof types.SignOutSessionDocument,
    "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n": typeof types.SignOutOtherSessionsDocument,
    "\n  mutation MySessionsSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename }\n  }\n": typeof types.MySessionsSignUpDocument,
    "\n  mutation MySessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) { __typename }\n  }\n": typeof types.MySessionsSignInDocument,
    "\n  query MySessionsMe {\n    me { id }\n  }\n": typeof types.MySessionsMeDocument,
    "\n  mutation OwnAddressesAdd($email: String!, $currentPassword: String) {\n    addEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on AddEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on ConflictError { fields }\n      ... on Error { message }\n    }\n  }\n": typeof types.OwnAddressesAddDocument,
    "\n  mutation OwnAddressesSetPrimary($email: String!, $currentPassword: String) {\n    setPrimaryEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on SetPrimaryEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.OwnAddressesSetPrimaryDocument,
    "\n  mutation OwnAddressesRemove($email: String!, $currentPassword: String) {\n    removeEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on RemoveEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.OwnAddressesRemoveDocument,
    "\n  mutation OwnAddressesVerify($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n    }\n  }\n": typeof types.OwnAddressesVerifyDocument,
    "\n  mutation OwnAddressesSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": typeof types.OwnAddressesSignInDocument,
    "\n  mutation OwnAddressesRequestReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n": typeof types.OwnAddressesRequestResetDocument,
    "\n  mutation OwnAddressesReset($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n    }\n  }\n": typeof types.OwnAddressesResetDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on RequestPasswordResetSuccess { email }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n      ... on ResetPasswordSuccess { email }\n      ... on PasswordPolicyError { reasons }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation ResetTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": typeof types.ResetTestSignInDocument,
    "\n  query ResetTestMe {\n    me { id emailAddresses { email verified } }\n  }\n": typeof types.ResetTestMeDocument,
    "\n  mutation ResetTestUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n": typeof types.ResetTestUpdateUserDocument,
    "\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.SecretsUserByIdDocument,
    "\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.SecretsMeDocument,
    "\n  mutation SelfServiceBeginTotp($currentPassword: String) {\n    beginTotpEnrollment(currentPassword: $currentPassword) {\n      __typename\n      ... on BeginTotpEnrollmentSuccess { secret otpauthUri expiresAt }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SelfServiceBeginTotpDocument,
    "\n  mutation SelfServiceConfirmTotp($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      __typename\n      ... on ConfirmTotpEnrollmentSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SelfServiceConfirmTotpDocument,
    "\n  mutation SelfServiceDisableTotp($currentPassword: String, $code: String!) {\n    disableTotp(currentPassword: $currentPassword, code: $code) {\n      __typename\n      ... on DisableTotpSuccess { user { id totpEnabled } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SelfServiceDisableTotpDocument,
    "\n  mutation SelfServiceRegenerateBackupCodes($code: String!) {\n    regenerateBackupCodes(code: $code) {\n      __typename\n      ... on RegenerateBackupCodesSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SelfServiceRegenerateBackupCodesDocument,
    "\n  mutation SelfServiceSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n    }\n  }\n": typeof types.SelfServiceSignInDocument,
    "\n  mutation SelfServiceSignOut {\n    signOut\n  }\n": typeof types.SelfServiceSignOutDocument,
    "\n  query SelfServiceMe {\n    me { id totpEnabled }\n  }\n": typeof types.SelfServiceMeDocument,
    "\n        mutation SelfServiceAdminSetsTotp($id: ID!, $input: UpdateUserInput!) {\n          updateUser(id: $id, input: $input) { __typename }\n        }\n      ": typeof types.SelfServiceAdminSetsTotpDocument,
    "\n  mutation SessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SessionsSignInDocument,
    "\n  mutation SessionsSignOut {\n    signOut\n  }\n": typeof types.SessionsSignOutDocument,
    "\n  mutation SessionsSignOutEverywhere($everywhere: Boolean) {\n    signOut(everywhere: $everywhere)\n  }\n": typeof types.SessionsSignOutEverywhereDocument,
    "\n  query SessionsMe {\n    me { id email }\n  }\n": typeof types.SessionsMeDocument,
    "\n  mutation TotpSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n": typeof types.TotpSignInDocument,
    "\n  mutation TotpSetSecret($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on Error { message }\n    }\n  }\n": typeof types.TotpSetSecretDocument,
    "\n  query TotpAdminUser($id: ID!) {\n    user(id: $id) { id loginAttempts backupCodeCount totpEnabled lastSignInAt }\n  }\n": typeof types.TotpAdminUserDocument,
    "\n  mutation SignInTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id email username phoneNumber lastSignInAt } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n": typeof types.SignInTestSignInDocument,
    "\n  query SignInTestUser($id: ID!) {\n    user(id: $id) { id loginAttempts lastSignInAt blocked }\n  }\n": typeof types.SignInTestUserDocument,
    "\n  query SignInTestMe {\n    me { id }\n  }\n": typeof types.SignInTestMeDocument,
    "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n": typeof types.SignUpStoredUserDocument,
    "\n  query SignUpMe {\n    me { id email }\n  }\n": typeof types.SignUpMeDocument,
    "\n  mutation UpdateUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.UpdateUserTestUpdateDocument,
    "\n  mutation UpdateUserTestName($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ... on UpdateUserSuccess { user { name updatedAt } }\n    }\n  }\n": typeof types.UpdateUserTestNameDocument,
    "\n  mutation UpdateUserTestIdOnly($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id } }\n    }\n  }\n": typeof types.UpdateUserTestIdOnlyDocument,
    "\n  query UpdateUserTestUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": typeof types.UpdateUserTestUserDocument,
    "\n  mutation UpdateUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n": typeof types.UpdateUserTestSignInDocument,
    "\n  query UpdateUserTestMe {\n    me { id name username }\n  }\n": typeof types.UpdateUserTestMeDocument,
    "\n  mutation UpdateUserTestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      __typename\n      ... on UpdateMeSuccess { user { ...UserFields } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": typeof types.UpdateUserTestUpdateMeDocument,
    "\n  mutation WrittenUserSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": typeof types.WrittenUserSignUpDocument,
    "\n  mutation WrittenUserCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess {\n        user { ...WrittenUserFields }\n        wider: user { id emailAddresses { email primary } metadata hasPassword profile { givenName } }\n      }\n    }\n  }\n": typeof types.WrittenUserCreateDocument,
    "\n  mutation WrittenUserImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": typeof types.WrittenUserImportDocument,
    "\n  mutation WrittenUserSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": typeof types.WrittenUserSignInDocument,
    "\n  query WrittenUserStored($id: ID!) {\n    user(id: $id) {\n      ...WrittenUserFields\n      emailAddresses { email primary }\n      metadata\n      hasPassword\n      profile { givenName }\n    }\n  }\n  fragment WrittenUserFields on User {\n    id externalId email emailVerified phoneNumber phoneNumberVerified username name firstName lastName picture\n    blocked loginAttempts deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit\n    legalAcceptedAt createdAt updatedAt lastSignInAt\n  }\n": typeof types.WrittenUserStoredDocument,
};
const documents: Documents = {
    "\n  query AdminUsersUser($id: ID!) {\n    user(id: $id) { id email username externalId blocked privateMetadata loginAttempts }\n  }\n": types.AdminUsersUserDocument,
    "\n  query AdminUsersList(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $query: String\n    $email: String\n    $phoneNumber: String\n    $username: String\n    $externalId: String\n    $blocked: Boolean\n  ) {\n    users(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      query: $query\n      email: $email\n      phoneNumber: $phoneNumber\n      username: $username\n      externalId: $externalId\n      blocked: $blocked\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id email phoneNumber username firstName lastName externalId blocked } }\n    }\n  }\n": types.AdminUsersListDocument,
    "\n  query AdminUsersCount($first: Int, $after: String, $last: Int, $before: String, $query: String) {\n    users(first: $first, after: $after, last: $last, before: $before, query: $query) { totalCount }\n  }\n": types.AdminUsersCountDocument,
    "\n  mutation AdminUsersSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": types.AdminUsersSignInDocument,
    "\n  query AdminUsersAddresses($query: String) {\n    users(first: 10, query: $query) {\n      edges {\n        node {\n          id\n          email\n          emailVerified\n          emailAddresses { email primary }\n          phoneNumber\n          phoneNumbers { phoneNumber primary }\n        }\n      }\n    }\n  }\n": types.AdminUsersAddressesDocument,
    "\n  mutation AdminUsersReplaceEmail($id: ID!, $emailAddress: [String!]) {\n    updateUser(id: $id, input: { emailAddress: $emailAddress }) { __typename }\n  }\n": types.AdminUsersReplaceEmailDocument,
    "\n  mutation AdminUsersImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) { __typename }\n  }\n": types.AdminUsersImportDocument,
    "\n  mutation ResetPasswordPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n    }\n  }\n": types.ResetPasswordPageSignUpDocument,
    "\n  mutation ResetPasswordPageRequest($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n": types.ResetPasswordPageRequestDocument,
    "\n  mutation ResetPasswordPageSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": types.ResetPasswordPageSignInDocument,
    "\n  mutation VerifyEmailPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id } }\n    }\n  }\n": types.VerifyEmailPageSignUpDocument,
    "\n    mutation ConcurrencyUpdateEmails($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  ": types.ConcurrencyUpdateEmailsDocument,
    "\n    mutation ConcurrencyRenameUser($id: ID!, $name: String!) {\n      updateUser(id: $id, input: { name: $name }) { __typename }\n    }\n  ": types.ConcurrencyRenameUserDocument,
    "\n    mutation ConcurrencyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  ": types.ConcurrencyReplaceAddressesDocument,
    "\n    mutation ConcurrencySignIn($input: SignInInput!) {\n      signIn(input: $input) { __typename }\n    }\n  ": types.ConcurrencySignInDocument,
    "\n    mutation ConcurrencyRenameMe($input: UpdateMeInput!) {\n      updateMe(input: $input) { __typename }\n    }\n  ": types.ConcurrencyRenameMeDocument,
    "\n    mutation ConcurrencyRequestVerification($userId: ID) {\n      requestEmailVerification(userId: $userId) { __typename }\n    }\n  ": types.ConcurrencyRequestVerificationDocument,
    "\n  query CreateUserSpecMe {\n    me { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": types.CreateUserSpecMeDocument,
    "\n  query CreateUserSpecUser($id: ID!) {\n    user(id: $id) { id email loginAttempts privateMetadata backupCodeCount }\n  }\n": types.CreateUserSpecUserDocument,
    "\n  query CreateUserSpecLimit($id: ID!) {\n    user(id: $id) { createOrganizationsLimit }\n  }\n": types.CreateUserSpecLimitDocument,
    "\n  mutation DeleteUserTestDelete($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeleteUserTestDeleteDocument,
    "\n  mutation DeleteUserTestDeleteSelf {\n    deleteSelf {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on ForbiddenError { message fields }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeleteUserTestDeleteSelfDocument,
    "\n  query DeleteUserTestUser($id: ID!) {\n    user(id: $id) { id email totpEnabled backupCodeCount hasPassword }\n  }\n": types.DeleteUserTestUserDocument,
    "\n  query DeleteUserTestMe {\n    me { id }\n  }\n": types.DeleteUserTestMeDocument,
    "\n  mutation DeleteUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": types.DeleteUserTestSignInDocument,
    "\n  mutation DeleteUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id totpEnabled backupCodeCount } }\n    }\n  }\n": types.DeleteUserTestUpdateDocument,
    "\n  mutation DeletedMeanwhileCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeletedMeanwhileCreateDocument,
    "\n  mutation DeletedMeanwhileImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { email profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeletedMeanwhileImportDocument,
    "\n  mutation DeletedMeanwhileUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { firstName profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeletedMeanwhileUpdateDocument,
    "\n  mutation DeletedMeanwhileSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n": types.DeletedMeanwhileSignUpDocument,
    "\n  mutation DeletedMeanwhileSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { profile { addresses { city } } } }\n      ... on Error { message }\n    }\n  }\n": types.DeletedMeanwhileSignInDocument,
    "\n  fragment UserFields on User {\n    id\n    externalId\n    email\n    emailVerified\n    emailAddresses { email verified primary }\n    phoneNumber\n    phoneNumberVerified\n    phoneNumbers { phoneNumber verified primary }\n    web3Wallets { address primary }\n    username\n    name\n    firstName\n    lastName\n    picture\n    profile {\n      birthdate familyName gender givenName locale middleName nickname profilePage website zoneinfo\n      addresses { id isPrimary firstName lastName streetAddress streetAddress2 city state zipCode country }\n    }\n    identities { connection provider type id details }\n    metadata\n    publicMetadata\n    unsafeMetadata\n    blocked\n    hasPassword\n    totpEnabled\n    deleteSelfEnabled\n    createOrganizationEnabled\n    createOrganizationsLimit\n    legalAcceptedAt\n    createdAt\n    updatedAt\n    lastSignInAt\n  }\n": types.UserFieldsFragmentDoc,
    "\n  fragment ErrorFields on Error {\n    __typename\n    message\n    ... on ValidationError { fieldErrors { path message } }\n    ... on ConflictError { fields }\n    ... on PasswordPolicyError { reasons }\n    ... on ForbiddenError { fields }\n  }\n": types.ErrorFieldsFragmentDoc,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...UserFields } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignUpWithAdminFields($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.SignUpWithAdminFieldsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation VerifySignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n": types.VerifySignUpDocument,
    "\n  mutation RacingSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on ConflictError { fields }\n    }\n  }\n": types.RacingSignUpDocument,
    "\n  mutation VerifyCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n": types.VerifyCreateUserDocument,
    "\n  mutation VerifyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n": types.VerifyReplaceAddressesDocument,
    "\n  mutation VerifyUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { name email emailVerified } }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": types.VerifyUpdateUserDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n      ... on VerifyEmailSuccess { email user { id email emailVerified emailAddresses { email verified primary } } }\n      ... on Error { message }\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation VerifySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": types.VerifySignInDocument,
    "\n  mutation VerifyDeleteUser($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n    }\n  }\n": types.VerifyDeleteUserDocument,
    "\n  mutation RequestEmailVerification($userId: ID) {\n    requestEmailVerification(userId: $userId) {\n      __typename\n      ... on RequestEmailVerificationSuccess { email }\n      ... on Error { message }\n    }\n  }\n": types.RequestEmailVerificationDocument,
    "\n  mutation ImportUsersTestImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { id email username externalId phoneNumber hasPassword createOrganizationsLimit } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.ImportUsersTestImportDocument,
    "\n  query ImportUsersTestCount($email: String, $username: String, $query: String) {\n    users(first: 1, email: $email, username: $username, query: $query) { totalCount }\n  }\n": types.ImportUsersTestCountDocument,
    "\n  mutation ImportUsersTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": types.ImportUsersTestSignInDocument,
    "\n  mutation ImportUsersTestIds($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      ... on CreateUserSuccess {\n        user { id }\n        aliased: user { __typename newId: id }\n        spread: user { ...ImportUsersTestUserId ... on User { id } }\n        wider: user { ...ImportUsersTestUserId email externalId }\n      }\n    }\n  }\n  fragment ImportUsersTestUserId on User { id }\n": types.ImportUsersTestIdsDocument,
    "\n  query ImportUsersTestIdOfEmail($email: String!) {\n    users(first: 1, email: $email) { edges { node { id } } }\n  }\n": types.ImportUsersTestIdOfEmailDocument,
    "\n  mutation LegalUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { legalAcceptedAt } }\n      ... on ValidationError { fieldErrors { path } }\n    }\n  }\n": types.LegalUpdateUserDocument,
    "\n  query MySessions {\n    mySessions { id signedInAt lastSeenAt expiresAt current userAgent ipAddress }\n  }\n": types.MySessionsDocument,
    "\n  mutation SignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n": types.SignOutSessionDocument,
    "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n": types.SignOutOtherSessionsDocument,
    "\n  mutation MySessionsSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename }\n  }\n": types.MySessionsSignUpDocument,
    "\n  mutation MySessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) { __typename }\n  }\n": types.MySessionsSignInDocument,
    "\n  query MySessionsMe {\n    me { id }\n  }\n": types.MySessionsMeDocument,
    "\n  mutation OwnAddressesAdd($email: String!, $currentPassword: String) {\n    addEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on AddEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on ConflictError { fields }\n      ... on Error { message }\n    }\n  }\n": types.OwnAddressesAddDocument,
    "\n  mutation OwnAddressesSetPrimary($email: String!, $currentPassword: String) {\n    setPrimaryEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on SetPrimaryEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": types.OwnAddressesSetPrimaryDocument,
    "\n  mutation OwnAddressesRemove($email: String!, $currentPassword: String) {\n    removeEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on RemoveEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": types.OwnAddressesRemoveDocument,
    "\n  mutation OwnAddressesVerify($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n    }\n  }\n": types.OwnAddressesVerifyDocument,
    "\n  mutation OwnAddressesSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n": types.OwnAddressesSignInDocument,
    "\n  mutation OwnAddressesRequestReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n": types.OwnAddressesRequestResetDocument,
    "\n  mutation OwnAddressesReset($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n    }\n  }\n": types.OwnAddressesResetDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on RequestPasswordResetSuccess { email }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n      ... on ResetPasswordSuccess { email }\n      ... on PasswordPolicyError { reasons }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation ResetTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n": types.ResetTestSignInDocument,
    "\n  query ResetTestMe {\n    me { id emailAddresses { email verified } }\n  }\n": types.ResetTestMeDocument,
    "\n  mutation ResetTestUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n": types.ResetTestUpdateUserDocument,
    "\n  query SecretsUserById($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": types.SecretsUserByIdDocument,
    "\n  query SecretsMe {\n    me { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": types.SecretsMeDocument,
    "\n  mutation SelfServiceBeginTotp($currentPassword: String) {\n    beginTotpEnrollment(currentPassword: $currentPassword) {\n      __typename\n      ... on BeginTotpEnrollmentSuccess { secret otpauthUri expiresAt }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": types.SelfServiceBeginTotpDocument,
    "\n  mutation SelfServiceConfirmTotp($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      __typename\n      ... on ConfirmTotpEnrollmentSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n": types.SelfServiceConfirmTotpDocument,
    "\n  mutation SelfServiceDisableTotp($currentPassword: String, $code: String!) {\n    disableTotp(currentPassword: $currentPassword, code: $code) {\n      __typename\n      ... on DisableTotpSuccess { user { id totpEnabled } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n": types.SelfServiceDisableTotpDocument,
    "\n  mutation SelfServiceRegenerateBackupCodes($code: String!) {\n    regenerateBackupCodes(code: $code) {\n      __typename\n      ... on RegenerateBackupCodesSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n": types.SelfServiceRegenerateBackupCodesDocument,
    "\n  mutation SelfServiceSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n    }\n  }\n": types.SelfServiceSignInDocument,
    "\n  mutation SelfServiceSignOut {\n    signOut\n  }\n": types.SelfServiceSignOutDocument,
    "\n  query SelfServiceMe {\n    me { id totpEnabled }\n  }\n": types.SelfServiceMeDocument,
    "\n        mutation SelfServiceAdminSetsTotp($id: ID!, $input: UpdateUserInput!) {\n          updateUser(id: $id, input: $input) { __typename }\n        }\n      ": types.SelfServiceAdminSetsTotpDocument,
    "\n  mutation SessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n": types.SessionsSignInDocument,
    "\n  mutation SessionsSignOut {\n    signOut\n  }\n": types.SessionsSignOutDocument,
    "\n  mutation SessionsSignOutEverywhere($everywhere: Boolean) {\n    signOut(everywhere: $everywhere)\n  }\n": types.SessionsSignOutEverywhereDocument,
    "\n  query SessionsMe {\n    me { id email }\n  }\n": types.SessionsMeDocument,
    "\n  mutation TotpSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n": types.TotpSignInDocument,
    "\n  mutation TotpSetSecret($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on Error { message }\n    }\n  }\n": types.TotpSetSecretDocument,
    "\n  query TotpAdminUser($id: ID!) {\n    user(id: $id) { id loginAttempts backupCodeCount totpEnabled lastSignInAt }\n  }\n": types.TotpAdminUserDocument,
    "\n  mutation SignInTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id email username phoneNumber lastSignInAt } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n": types.SignInTestSignInDocument,
    "\n  query SignInTestUser($id: ID!) {\n    user(id: $id) { id loginAttempts lastSignInAt blocked }\n  }\n": types.SignInTestUserDocument,
    "\n  query SignInTestMe {\n    me { id }\n  }\n": types.SignInTestMeDocument,
    "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n": types.SignUpStoredUserDocument,
    "\n  query SignUpMe {\n    me { id email }\n  }\n": types.SignUpMeDocument,
    "\n  mutation UpdateUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.UpdateUserTestUpdateDocument,
    "\n  mutation UpdateUserTestName($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ... on UpdateUserSuccess { user { name updatedAt } }\n    }\n  }\n": types.UpdateUserTestNameDocument,
    "\n  mutation UpdateUserTestIdOnly($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id } }\n    }\n  }\n": types.UpdateUserTestIdOnlyDocument,
    "\n  query UpdateUserTestUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n": types.UpdateUserTestUserDocument,
    "\n  mutation UpdateUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n": types.UpdateUserTestSignInDocument,
    "\n  query UpdateUserTestMe {\n    me { id name username }\n  }\n": types.UpdateUserTestMeDocument,
    "\n  mutation UpdateUserTestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      __typename\n      ... on UpdateMeSuccess { user { ...UserFields } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n": types.UpdateUserTestUpdateMeDocument,
    "\n  mutation WrittenUserSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": types.WrittenUserSignUpDocument,
    "\n  mutation WrittenUserCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess {\n        user { ...WrittenUserFields }\n        wider: user { id emailAddresses { email primary } metadata hasPassword profile { givenName } }\n      }\n    }\n  }\n": types.WrittenUserCreateDocument,
    "\n  mutation WrittenUserImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": types.WrittenUserImportDocument,
    "\n  mutation WrittenUserSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...WrittenUserFields } }\n    }\n  }\n": types.WrittenUserSignInDocument,
    "\n  query WrittenUserStored($id: ID!) {\n    user(id: $id) {\n      ...WrittenUserFields\n      emailAddresses { email primary }\n      metadata\n      hasPassword\n      profile { givenName }\n    }\n  }\n  fragment WrittenUserFields on User {\n    id externalId email emailVerified phoneNumber phoneNumberVerified username name firstName lastName picture\n    blocked loginAttempts deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit\n    legalAcceptedAt createdAt updatedAt lastSignInAt\n  }\n": types.WrittenUserStoredDocument,
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
export function graphql(source: "\n  query AdminUsersUser($id: ID!) {\n    user(id: $id) { id email username externalId blocked privateMetadata loginAttempts }\n  }\n"): (typeof documents)["\n  query AdminUsersUser($id: ID!) {\n    user(id: $id) { id email username externalId blocked privateMetadata loginAttempts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsersList(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $query: String\n    $email: String\n    $phoneNumber: String\n    $username: String\n    $externalId: String\n    $blocked: Boolean\n  ) {\n    users(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      query: $query\n      email: $email\n      phoneNumber: $phoneNumber\n      username: $username\n      externalId: $externalId\n      blocked: $blocked\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id email phoneNumber username firstName lastName externalId blocked } }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsersList(\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $query: String\n    $email: String\n    $phoneNumber: String\n    $username: String\n    $externalId: String\n    $blocked: Boolean\n  ) {\n    users(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      query: $query\n      email: $email\n      phoneNumber: $phoneNumber\n      username: $username\n      externalId: $externalId\n      blocked: $blocked\n    ) {\n      totalCount\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      edges { cursor node { id email phoneNumber username firstName lastName externalId blocked } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsersCount($first: Int, $after: String, $last: Int, $before: String, $query: String) {\n    users(first: $first, after: $after, last: $last, before: $before, query: $query) { totalCount }\n  }\n"): (typeof documents)["\n  query AdminUsersCount($first: Int, $after: String, $last: Int, $before: String, $query: String) {\n    users(first: $first, after: $after, last: $last, before: $before, query: $query) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUsersSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUsersSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsersAddresses($query: String) {\n    users(first: 10, query: $query) {\n      edges {\n        node {\n          id\n          email\n          emailVerified\n          emailAddresses { email primary }\n          phoneNumber\n          phoneNumbers { phoneNumber primary }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsersAddresses($query: String) {\n    users(first: 10, query: $query) {\n      edges {\n        node {\n          id\n          email\n          emailVerified\n          emailAddresses { email primary }\n          phoneNumber\n          phoneNumbers { phoneNumber primary }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUsersReplaceEmail($id: ID!, $emailAddress: [String!]) {\n    updateUser(id: $id, input: { emailAddress: $emailAddress }) { __typename }\n  }\n"): (typeof documents)["\n  mutation AdminUsersReplaceEmail($id: ID!, $emailAddress: [String!]) {\n    updateUser(id: $id, input: { emailAddress: $emailAddress }) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUsersImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) { __typename }\n  }\n"): (typeof documents)["\n  mutation AdminUsersImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPasswordPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordPageRequest($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPasswordPageRequest($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordPageSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPasswordPageSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmailPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmailPageSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencyUpdateEmails($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencyUpdateEmails($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencyRenameUser($id: ID!, $name: String!) {\n      updateUser(id: $id, input: { name: $name }) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencyRenameUser($id: ID!, $name: String!) {\n      updateUser(id: $id, input: { name: $name }) { __typename }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n      updateUser(id: $id, input: $input) { __typename }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencySignIn($input: SignInInput!) {\n      signIn(input: $input) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencySignIn($input: SignInInput!) {\n      signIn(input: $input) { __typename }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencyRenameMe($input: UpdateMeInput!) {\n      updateMe(input: $input) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencyRenameMe($input: UpdateMeInput!) {\n      updateMe(input: $input) { __typename }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ConcurrencyRequestVerification($userId: ID) {\n      requestEmailVerification(userId: $userId) { __typename }\n    }\n  "): (typeof documents)["\n    mutation ConcurrencyRequestVerification($userId: ID) {\n      requestEmailVerification(userId: $userId) { __typename }\n    }\n  "];
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
export function graphql(source: "\n  query CreateUserSpecLimit($id: ID!) {\n    user(id: $id) { createOrganizationsLimit }\n  }\n"): (typeof documents)["\n  query CreateUserSpecLimit($id: ID!) {\n    user(id: $id) { createOrganizationsLimit }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUserTestDelete($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteUserTestDelete($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUserTestDeleteSelf {\n    deleteSelf {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on ForbiddenError { message fields }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteUserTestDeleteSelf {\n    deleteSelf {\n      __typename\n      ... on DeleteUserSuccess { deletedUserId }\n      ... on ForbiddenError { message fields }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeleteUserTestUser($id: ID!) {\n    user(id: $id) { id email totpEnabled backupCodeCount hasPassword }\n  }\n"): (typeof documents)["\n  query DeleteUserTestUser($id: ID!) {\n    user(id: $id) { id email totpEnabled backupCodeCount hasPassword }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeleteUserTestMe {\n    me { id }\n  }\n"): (typeof documents)["\n  query DeleteUserTestMe {\n    me { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id totpEnabled backupCodeCount } }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id totpEnabled backupCodeCount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletedMeanwhileCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeletedMeanwhileCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletedMeanwhileImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { email profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeletedMeanwhileImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { email profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletedMeanwhileUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { firstName profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeletedMeanwhileUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { firstName profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletedMeanwhileSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"): (typeof documents)["\n  mutation DeletedMeanwhileSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { profile { addresses { city } } } }\n      ... on NotFoundError { message resource }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletedMeanwhileSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { profile { addresses { city } } } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation DeletedMeanwhileSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { profile { addresses { city } } } }\n      ... on Error { message }\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation VerifySignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifySignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RacingSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on ConflictError { fields }\n    }\n  }\n"): (typeof documents)["\n  mutation RacingSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on ConflictError { fields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess { user { id email emailVerified } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyReplaceAddresses($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { name email emailVerified } }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { name email emailVerified } }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n      ... on VerifyEmailSuccess { email user { id email emailVerified emailAddresses { email verified primary } } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n      ... on VerifyEmailSuccess { email user { id email emailVerified emailAddresses { email verified primary } } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation VerifySignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyDeleteUser($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyDeleteUser($id: ID!) {\n    deleteUser(id: $id) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailVerification($userId: ID) {\n    requestEmailVerification(userId: $userId) {\n      __typename\n      ... on RequestEmailVerificationSuccess { email }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestEmailVerification($userId: ID) {\n    requestEmailVerification(userId: $userId) {\n      __typename\n      ... on RequestEmailVerificationSuccess { email }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportUsersTestImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { id email username externalId phoneNumber hasPassword createOrganizationsLimit } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportUsersTestImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { id email username externalId phoneNumber hasPassword createOrganizationsLimit } }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportUsersTestCount($email: String, $username: String, $query: String) {\n    users(first: 1, email: $email, username: $username, query: $query) { totalCount }\n  }\n"): (typeof documents)["\n  query ImportUsersTestCount($email: String, $username: String, $query: String) {\n    users(first: 1, email: $email, username: $username, query: $query) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportUsersTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportUsersTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportUsersTestIds($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      ... on CreateUserSuccess {\n        user { id }\n        aliased: user { __typename newId: id }\n        spread: user { ...ImportUsersTestUserId ... on User { id } }\n        wider: user { ...ImportUsersTestUserId email externalId }\n      }\n    }\n  }\n  fragment ImportUsersTestUserId on User { id }\n"): (typeof documents)["\n  mutation ImportUsersTestIds($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      ... on CreateUserSuccess {\n        user { id }\n        aliased: user { __typename newId: id }\n        spread: user { ...ImportUsersTestUserId ... on User { id } }\n        wider: user { ...ImportUsersTestUserId email externalId }\n      }\n    }\n  }\n  fragment ImportUsersTestUserId on User { id }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportUsersTestIdOfEmail($email: String!) {\n    users(first: 1, email: $email) { edges { node { id } } }\n  }\n"): (typeof documents)["\n  query ImportUsersTestIdOfEmail($email: String!) {\n    users(first: 1, email: $email) { edges { node { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LegalUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { legalAcceptedAt } }\n      ... on ValidationError { fieldErrors { path } }\n    }\n  }\n"): (typeof documents)["\n  mutation LegalUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { legalAcceptedAt } }\n      ... on ValidationError { fieldErrors { path } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions { id signedInAt lastSeenAt expiresAt current userAgent ipAddress }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions { id signedInAt lastSeenAt expiresAt current userAgent ipAddress }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation SignOutSession($id: ID!) {\n    signOutSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n"): (typeof documents)["\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MySessionsSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename }\n  }\n"): (typeof documents)["\n  mutation MySessionsSignUp($input: SignUpInput!) {\n    signUp(input: $input) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MySessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) { __typename }\n  }\n"): (typeof documents)["\n  mutation MySessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessionsMe {\n    me { id }\n  }\n"): (typeof documents)["\n  query MySessionsMe {\n    me { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesAdd($email: String!, $currentPassword: String) {\n    addEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on AddEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on ConflictError { fields }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesAdd($email: String!, $currentPassword: String) {\n    addEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on AddEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on ConflictError { fields }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesSetPrimary($email: String!, $currentPassword: String) {\n    setPrimaryEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on SetPrimaryEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesSetPrimary($email: String!, $currentPassword: String) {\n    setPrimaryEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on SetPrimaryEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesRemove($email: String!, $currentPassword: String) {\n    removeEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on RemoveEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesRemove($email: String!, $currentPassword: String) {\n    removeEmailAddress(email: $email, currentPassword: $currentPassword) {\n      __typename\n      ... on RemoveEmailAddressSuccess { user { email emailAddresses { email verified primary } } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesVerify($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesVerify($token: String!) {\n    verifyEmail(token: $token) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesRequestReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesRequestReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnAddressesReset($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation OwnAddressesReset($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on RequestPasswordResetSuccess { email }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email) {\n      __typename\n      ... on RequestPasswordResetSuccess { email }\n      ... on ValidationError { fieldErrors { path message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n      ... on ResetPasswordSuccess { email }\n      ... on PasswordPolicyError { reasons }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      __typename\n      ... on ResetPasswordSuccess { email }\n      ... on PasswordPolicyError { reasons }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResetTestMe {\n    me { id emailAddresses { email verified } }\n  }\n"): (typeof documents)["\n  query ResetTestMe {\n    me { id emailAddresses { email verified } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetTestUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n"): (typeof documents)["\n  mutation ResetTestUpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation SelfServiceBeginTotp($currentPassword: String) {\n    beginTotpEnrollment(currentPassword: $currentPassword) {\n      __typename\n      ... on BeginTotpEnrollmentSuccess { secret otpauthUri expiresAt }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SelfServiceBeginTotp($currentPassword: String) {\n    beginTotpEnrollment(currentPassword: $currentPassword) {\n      __typename\n      ... on BeginTotpEnrollmentSuccess { secret otpauthUri expiresAt }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelfServiceConfirmTotp($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      __typename\n      ... on ConfirmTotpEnrollmentSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SelfServiceConfirmTotp($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      __typename\n      ... on ConfirmTotpEnrollmentSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelfServiceDisableTotp($currentPassword: String, $code: String!) {\n    disableTotp(currentPassword: $currentPassword, code: $code) {\n      __typename\n      ... on DisableTotpSuccess { user { id totpEnabled } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SelfServiceDisableTotp($currentPassword: String, $code: String!) {\n    disableTotp(currentPassword: $currentPassword, code: $code) {\n      __typename\n      ... on DisableTotpSuccess { user { id totpEnabled } }\n      ... on ValidationError { fieldErrors { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelfServiceRegenerateBackupCodes($code: String!) {\n    regenerateBackupCodes(code: $code) {\n      __typename\n      ... on RegenerateBackupCodesSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SelfServiceRegenerateBackupCodes($code: String!) {\n    regenerateBackupCodes(code: $code) {\n      __typename\n      ... on RegenerateBackupCodesSuccess { backupCodes user { id totpEnabled } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelfServiceSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n    }\n  }\n"): (typeof documents)["\n  mutation SelfServiceSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelfServiceSignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SelfServiceSignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SelfServiceMe {\n    me { id totpEnabled }\n  }\n"): (typeof documents)["\n  query SelfServiceMe {\n    me { id totpEnabled }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation SelfServiceAdminSetsTotp($id: ID!, $input: UpdateUserInput!) {\n          updateUser(id: $id, input: $input) { __typename }\n        }\n      "): (typeof documents)["\n        mutation SelfServiceAdminSetsTotp($id: ID!, $input: UpdateUserInput!) {\n          updateUser(id: $id, input: $input) { __typename }\n        }\n      "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionsSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsSignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SessionsSignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionsSignOutEverywhere($everywhere: Boolean) {\n    signOut(everywhere: $everywhere)\n  }\n"): (typeof documents)["\n  mutation SessionsSignOutEverywhere($everywhere: Boolean) {\n    signOut(everywhere: $everywhere)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionsMe {\n    me { id email }\n  }\n"): (typeof documents)["\n  query SessionsMe {\n    me { id email }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TotpSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation TotpSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id totpEnabled } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TotpSetSecret($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation TotpSetSecret($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TotpAdminUser($id: ID!) {\n    user(id: $id) { id loginAttempts backupCodeCount totpEnabled lastSignInAt }\n  }\n"): (typeof documents)["\n  query TotpAdminUser($id: ID!) {\n    user(id: $id) { id loginAttempts backupCodeCount totpEnabled lastSignInAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id email username phoneNumber lastSignInAt } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id email username phoneNumber lastSignInAt } }\n      ... on SecondFactorRequiredError { codeWasGiven }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInTestUser($id: ID!) {\n    user(id: $id) { id loginAttempts lastSignInAt blocked }\n  }\n"): (typeof documents)["\n  query SignInTestUser($id: ID!) {\n    user(id: $id) { id loginAttempts lastSignInAt blocked }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInTestMe {\n    me { id }\n  }\n"): (typeof documents)["\n  query SignInTestMe {\n    me { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n"): (typeof documents)["\n  query SignUpStoredUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignUpMe {\n    me { id email }\n  }\n"): (typeof documents)["\n  query SignUpMe {\n    me { id email }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserTestUpdate($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { ...UserFields loginAttempts privateMetadata backupCodeCount } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserTestName($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ... on UpdateUserSuccess { user { name updatedAt } }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserTestName($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ... on UpdateUserSuccess { user { name updatedAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserTestIdOnly($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id } }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserTestIdOnly($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      __typename\n      ... on UpdateUserSuccess { user { id } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpdateUserTestUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"): (typeof documents)["\n  query UpdateUserTestUser($id: ID!) {\n    user(id: $id) { ...UserFields loginAttempts privateMetadata backupCodeCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserTestSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { id } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpdateUserTestMe {\n    me { id name username }\n  }\n"): (typeof documents)["\n  query UpdateUserTestMe {\n    me { id name username }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUserTestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      __typename\n      ... on UpdateMeSuccess { user { ...UserFields } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUserTestUpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) {\n      __typename\n      ... on UpdateMeSuccess { user { ...UserFields } }\n      ... on NotFoundError { resource }\n      ... on Error { ...ErrorFields }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrittenUserSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"): (typeof documents)["\n  mutation WrittenUserSignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      __typename\n      ... on SignUpSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrittenUserCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess {\n        user { ...WrittenUserFields }\n        wider: user { id emailAddresses { email primary } metadata hasPassword profile { givenName } }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WrittenUserCreate($input: CreateUserInput!) {\n    createUser(input: $input) {\n      __typename\n      ... on CreateUserSuccess {\n        user { ...WrittenUserFields }\n        wider: user { id emailAddresses { email primary } metadata hasPassword profile { givenName } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrittenUserImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"): (typeof documents)["\n  mutation WrittenUserImport($users: [CreateUserInput!]!) {\n    importUsers(users: $users) {\n      __typename\n      ... on CreateUserSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WrittenUserSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"): (typeof documents)["\n  mutation WrittenUserSignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      __typename\n      ... on SignInSuccess { user { ...WrittenUserFields } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WrittenUserStored($id: ID!) {\n    user(id: $id) {\n      ...WrittenUserFields\n      emailAddresses { email primary }\n      metadata\n      hasPassword\n      profile { givenName }\n    }\n  }\n  fragment WrittenUserFields on User {\n    id externalId email emailVerified phoneNumber phoneNumberVerified username name firstName lastName picture\n    blocked loginAttempts deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit\n    legalAcceptedAt createdAt updatedAt lastSignInAt\n  }\n"): (typeof documents)["\n  query WrittenUserStored($id: ID!) {\n    user(id: $id) {\n      ...WrittenUserFields\n      emailAddresses { email primary }\n      metadata\n      hasPassword\n      profile { givenName }\n    }\n  }\n  fragment WrittenUserFields on User {\n    id externalId email emailVerified phoneNumber phoneNumberVerified username name firstName lastName picture\n    blocked loginAttempts deleteSelfEnabled createOrganizationEnabled createOrganizationsLimit\n    legalAcceptedAt createdAt updatedAt lastSignInAt\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;