// The tab GraphiQL opens with: a first sign-up and an admin creation to run as they are.
export const graphiqlDefaultQuery = `# Welcome to the Identity API.
#
# signUp (public): creates a user and signs them in (the HttpOnly "session" cookie).
# Privileged fields (blocked, emailVerified, phoneNumberVerified, loginAttempts, hashFn, salt)
# need an admin key. Every invalid field comes back at once in a ValidationError.
mutation SignUp {
  signUp(input: {
    email: "ada@example.com"
    password: "analytical engine notes 1843"
    username: "ada"
    name: "Ada Lovelace"
    profile: { givenName: "Ada", familyName: "Lovelace", locale: "en-GB", zoneinfo: "Europe/London" }
  }) {
    __typename
    ... on SignUpSuccess { user { id email username profile { givenName } } }
    ... on ValidationError { message fieldErrors { path message } }
    ... on Error { message }
  }
}

# createUser (admin): put {"Authorization": "Bearer <one of ADMIN_API_KEYS>"} in the Headers pane.
# Lists take the primary entry first; passwordDigest + passwordHasher import an existing digest.
mutation CreateUser {
  createUser(input: {
    emailAddress: ["grace@example.com"]
    firstName: "Grace"
    lastName: "Hopper"
    passwordDigest: "$P$BmJZ7xXY2Qkm3lL.aqaW8BHHggXPcj0"
    passwordHasher: PHPASS
  }) {
    __typename
    ... on CreateUserSuccess { user { id email hasPassword } }
    ... on Error { message }
  }
}

# signIn: with an email, a phone number or a username.
mutation SignIn {
  signIn(input: { identifier: "ada@example.com", password: "analytical engine notes 1843" }) {
    __typename
    ... on SignInSuccess { user { id email lastSignInAt } }
    ... on Error { message }
  }
}

query Me {
  me { id email username }
}
`;
