// Text that users and API callers chose (a name, an identity's connection, a metadata value) is
// only refused NUL and unpaired surrogates, so it can carry escape sequences that clear an
// operator's screen, retitle the window or recolour what follows, newlines that forge extra
// output lines, and bidi controls that make text read in another order than it is stored.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

// JSON.stringify escapes C0 controls, but leaves DEL, C1, the line and paragraph separators and
// the bidi controls (the marks U+061C, U+200E and U+200F among them) as they are.
const leftRawByJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `value` as a terminal should show it: unchanged ("Zoë", "東京"), or, when it holds a control
 * character, JSON-quoted with every control character escaped ("Eve\u001b[2J").
 */
export function terminalSafe(value: string): string {
  if (!controlCharacter.test(value)) return value;
  return JSON.stringify(value).replace(leftRawByJson, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
