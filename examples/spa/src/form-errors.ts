/**
 * Shows the API's errors where a person looks for them: next to the input they are about. An
 * input's `name` is its path in the mutation's input (`profile.givenName`), so an error's path
 * `["input", "profile", "givenName"]` finds it; `aria-describedby` links it to its message.
 */

export interface FieldMessage {
  /** The input's name, e.g. "email" or "profile.givenName". */
  field: string;
  message: string;
}

/** The field of a `FieldError.path`: without the argument's name ("input"). */
export function fieldOfPath(path: readonly string[]): string {
  return path.slice(1).join(".");
}

export function clearFormErrors(form: HTMLFormElement): void {
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const message of form.querySelectorAll(".field-error, .form-error")) message.textContent = "";
}

/** Messages about fields the form has no input for go to the form's own message. */
export function showFormErrors(form: HTMLFormElement, messages: readonly FieldMessage[], formMessage = ""): void {
  clearFormErrors(form);
  const unplaced = formMessage ? [formMessage] : [];
  for (const { field, message } of messages) {
    const placed = fieldErrorElement(form, field);
    if (!placed) {
      unplaced.push(field ? `${field}: ${message}` : message);
      continue;
    }
    placed.input.setAttribute("aria-invalid", "true");
    const line = document.createElement("span");
    line.textContent = message;
    placed.errorElement.append(line);
  }
  const formError = form.querySelector(".form-error");
  if (formError) formError.textContent = unplaced.join(" ");
}

function fieldErrorElement(form: HTMLFormElement, field: string): { input: HTMLInputElement; errorElement: Element } | undefined {
  const input = form.elements.namedItem(field);
  if (!(input instanceof HTMLInputElement)) return undefined;
  const errorId = (input.getAttribute("aria-describedby") ?? "").split(" ").find((id) => id.endsWith("-error"));
  const errorElement = errorId ? document.getElementById(errorId) : null;
  return errorElement ? { input, errorElement } : undefined;
}
