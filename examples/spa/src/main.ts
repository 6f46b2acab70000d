import { deviceSummary } from "./device-summary.ts";
import {
  MeQuery,
  MySessionsQuery,
  RequestPasswordResetMutation,
  SignInMutation,
  SignOutMutation,
  SignOutOtherSessionsMutation,
  SignOutSessionMutation,
  SignUpMutation,
} from "./documents.ts";
import { clearFormErrors, fieldOfPath, showFormErrors, type FieldMessage } from "./form-errors.ts";
import type { ExampleMySessionsQuery, ExampleSignUpMutation, SignedInUserFragment, SignUpInput } from "./generated/graphql.ts";
import { execute, GraphQLRequestError } from "./graphql-client.ts";

function element<Type extends Element>(selector: string, type: new () => Type): Type {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`The page lacks ${selector}`);
  return found;
}

const sessionStatus = element("#session-status", HTMLElement);
const signOutButtons = element("#sign-out-buttons", HTMLElement);
const signedOutPanel = element("#signed-out", HTMLElement);
const signUpForm = element("#sign-up-form", HTMLFormElement);
const signInForm = element("#sign-in-form", HTMLFormElement);
const signInCodeField = element("#sign-in-code-field", HTMLElement);
const forgotPasswordForm = element("#forgot-password-form", HTMLFormElement);
const forgotPasswordStatus = element("#forgot-password-form .form-status", HTMLElement);
const sessionsPanel = element("#sessions", HTMLElement);
const sessionList = element("#session-list", HTMLUListElement);
const sessionsError = element("#sessions .form-error", HTMLElement);
const sessionsStatus = element("#sessions .form-status", HTMLElement);
const signOutOtherSessionsButton = element("#sign-out-other-sessions", HTMLButtonElement);

/** A failure of a request outside a form, for the message next to what the user clicked. */
function requestFailureMessage(error: unknown): string {
  return error instanceof GraphQLRequestError ? error.message : "The service cannot be reached.";
}

function showSession(user: SignedInUserFragment | null): void {
  signOutButtons.hidden = user === null;
  signedOutPanel.hidden = user !== null;
  sessionsPanel.hidden = user === null;
  sessionsError.textContent = "";
  sessionsStatus.textContent = "";
  if (user === null) {
    sessionStatus.textContent = "Not signed in.";
    sessionList.replaceChildren();
    return;
  }
  const name = [user.profile?.givenName, user.profile?.familyName].filter(Boolean).join(" ");
  const handle = user.email ?? user.username ?? user.id;
  sessionStatus.textContent = `Signed in as ${name ? `${name} (${handle})` : handle}.`;
  void showOwnSessions();
}

function inputValue(form: HTMLFormElement, name: string): string {
  const input = form.elements.namedItem(name);
  return input instanceof HTMLInputElement ? input.value : "";
}

/** Empty inputs are left out: the API tells which of them it needs. */
function optionalText(form: HTMLFormElement, name: string): string | undefined {
  return inputValue(form, name).trim() || undefined;
}

function signUpInput(form: HTMLFormElement): SignUpInput {
  const givenName = optionalText(form, "profile.givenName");
  const familyName = optionalText(form, "profile.familyName");
  const legalAccepted = form.elements.namedItem("legalAccepted");
  return {
    email: optionalText(form, "email"),
    // Passwords are taken as typed: spaces are part of a passphrase.
    password: inputValue(form, "password") || undefined,
    username: optionalText(form, "username"),
    profile: givenName || familyName ? { givenName, familyName } : undefined,
    legalAccepted: legalAccepted instanceof HTMLInputElement && legalAccepted.checked ? true : undefined,
  };
}

/** Every typed failure of `signUp`, as messages next to the inputs they are about. */
function signUpErrorMessages(result: Exclude<ExampleSignUpMutation["signUp"], { __typename: "SignUpSuccess" }>): FieldMessage[] {
  switch (result.__typename) {
    case "ValidationError":
      return result.fieldErrors.map((error) => ({ field: fieldOfPath(error.path), message: error.message }));
    case "ConflictError":
      return result.fields.map((field) => ({ field, message: "Already taken by another account." }));
    case "PasswordPolicyError":
      return result.reasons.map((reason) => ({ field: "password", message: reason }));
    case "ForbiddenError":
    case "NotFoundError":
      return [{ field: "", message: result.message }];
  }
}

/** Runs a form's submission with its button disabled; failures of the whole request go to the form. */
function handleSubmit(form: HTMLFormElement, submit: () => Promise<void>): void {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button instanceof HTMLButtonElement) button.disabled = true;
    try {
      await submit();
    } catch (error) {
      const message = error instanceof GraphQLRequestError ? error.message : "The service cannot be reached; try again in a moment.";
      showFormErrors(form, [], message);
    } finally {
      if (button instanceof HTMLButtonElement) button.disabled = false;
    }
  });
}

handleSubmit(signUpForm, async () => {
  const { signUp } = await execute(SignUpMutation, { input: signUpInput(signUpForm) });
  if (signUp.__typename === "SignUpSuccess") {
    signUpForm.reset();
    clearFormErrors(signUpForm);
    showSession(signUp.user);
    return;
  }
  showFormErrors(signUpForm, signUpErrorMessages(signUp));
});

handleSubmit(signInForm, async () => {
  const { signIn } = await execute(SignInMutation, {
    input: {
      identifier: inputValue(signInForm, "identifier").trim(),
      password: inputValue(signInForm, "password"),
      code: optionalText(signInForm, "code"),
    },
  });
  if (signIn.__typename === "SignInSuccess") {
    signInForm.reset();
    signInCodeField.hidden = true;
    clearFormErrors(signInForm);
    showSession(signIn.user);
    return;
  }
  if (signIn.__typename === "SecondFactorRequiredError") signInCodeField.hidden = false;
  showFormErrors(signInForm, [], signIn.message);
});

handleSubmit(forgotPasswordForm, async () => {
  forgotPasswordStatus.textContent = "";
  const { requestPasswordReset } = await execute(RequestPasswordResetMutation, { email: inputValue(forgotPasswordForm, "email").trim() });
  if (requestPasswordReset.__typename === "ValidationError") {
    // The address is the mutation's own argument, not a field of an `input`: its path is ["email"].
    const messages = requestPasswordReset.fieldErrors.map((error) => ({ field: error.path.join("."), message: error.message }));
    showFormErrors(forgotPasswordForm, messages);
    return;
  }
  clearFormErrors(forgotPasswordForm);
  // The API answers alike whether an account has the address or not, and so does the page.
  forgotPasswordStatus.textContent = "If an account has this address, a link to choose a new password is on its way.";
});

/** `everywhere`: also ends the user's sessions on every other device. */
async function signOut(everywhere: boolean): Promise<void> {
  try {
    await execute(SignOutMutation, { everywhere });
    showSession(null);
  } catch (error) {
    sessionStatus.textContent = requestFailureMessage(error);
  }
}

element("#sign-out", HTMLButtonElement).addEventListener("click", () => signOut(false));
element("#sign-out-everywhere", HTMLButtonElement).addEventListener("click", () => signOut(true));

type OwnSession = ExampleMySessionsQuery["mySessions"][number];

const signInTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * One session of the list, built with `textContent` only, never as HTML: the user agent is whatever
 * the client that signed in sent, so it may hold markup meant to run here.
 */
function sessionItem(session: OwnSession): HTMLLIElement {
  const item = document.createElement("li");
  const device = document.createElement("strong");
  const deviceName = (session.userAgent && deviceSummary(session.userAgent)) || "Unknown device";
  device.textContent = deviceName;
  item.append(device);
  if (session.current) {
    const mark = document.createElement("span");
    mark.className = "current-session";
    mark.textContent = "this device";
    item.append(" ", mark);
  }

  const userAgent = document.createElement("p");
  userAgent.className = "user-agent";
  userAgent.textContent = session.userAgent ?? "No user agent was sent.";
  const signedIn = document.createElement("time");
  signedIn.dateTime = session.signedInAt;
  signedIn.textContent = signInTimeFormat.format(new Date(session.signedInAt));
  const origin = document.createElement("p");
  origin.className = "session-origin";
  origin.append(`${session.ipAddress ?? "Unknown address"} · signed in `, signedIn);
  item.append(userAgent, origin);

  if (!session.current) {
    const signOutButton = document.createElement("button");
    signOutButton.type = "button";
    signOutButton.textContent = "Sign out";
    // Every other session has a button of the same text: a screen reader names the one it ends.
    signOutButton.setAttribute("aria-label", `Sign out ${deviceName}, signed in ${signInTimeFormat.format(new Date(session.signedInAt))}`);
    signOutButton.addEventListener("click", () =>
      runSessionsAction(signOutButton, async () => {
        const { signOutSession } = await execute(SignOutSessionMutation, { id: session.id });
        return signOutSession ? "Signed out that session." : "That session had already ended.";
      }),
    );
    item.append(signOutButton);
  }
  return item;
}

/** Lists the user's open sessions as the API orders them: the newest sign-in first. */
async function listOwnSessions(): Promise<void> {
  const { mySessions } = await execute(MySessionsQuery);
  sessionList.replaceChildren(...mySessions.map(sessionItem));
  signOutOtherSessionsButton.hidden = mySessions.every((session) => session.current);
}

async function showOwnSessions(): Promise<void> {
  try {
    await listOwnSessions();
  } catch (error) {
    sessionsError.textContent = requestFailureMessage(error);
  }
}

/** Ends sessions with the clicked button disabled, says what ended, then lists what is left. */
async function runSessionsAction(button: HTMLButtonElement, action: () => Promise<string>): Promise<void> {
  button.disabled = true;
  sessionsError.textContent = "";
  sessionsStatus.textContent = "";
  try {
    sessionsStatus.textContent = await action();
    await listOwnSessions();
  } catch (error) {
    sessionsError.textContent = requestFailureMessage(error);
  } finally {
    button.disabled = false;
  }
}

signOutOtherSessionsButton.addEventListener("click", () =>
  runSessionsAction(signOutOtherSessionsButton, async () => {
    const { signOutOtherSessions: ended } = await execute(SignOutOtherSessionsMutation);
    return `Signed out ${ended} other ${ended === 1 ? "session" : "sessions"}.`;
  }),
);

try {
  showSession((await execute(MeQuery)).me);
} catch (error) {
  sessionStatus.textContent = requestFailureMessage(error);
}
