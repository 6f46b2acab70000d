/**
 * A short best-effort name for the device of a User-Agent, such as "Chrome on Linux", or null when
 * it names no browser or system this knows. A guess to help a person recognise a session, never
 * a fact to rely on: the header is whatever the client chose to send.
 */

// The first match wins, so each token comes before those its user agents also carry: Edge and
// Opera send "Chrome/", Chrome sends "Safari/", Android sends "Linux", iOS sends "Mac OS X".
const browsers: ReadonlyArray<readonly [RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\//, "Opera"],
  [/(Firefox|FxiOS)\//, "Firefox"],
  // No word boundary: headless Chrome sends "HeadlessChrome/".
  [/(Chrome|Chromium|CriOS)\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const systems: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bWindows\b/, "Windows"],
  [/\bAndroid\b/, "Android"],
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bMac OS X\b/, "macOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bLinux\b/, "Linux"],
];

function firstMatch(userAgent: string, candidates: ReadonlyArray<readonly [RegExp, string]>): string | undefined {
  return candidates.find(([pattern]) => pattern.test(userAgent))?.[1];
}

export function deviceSummary(userAgent: string): string | null {
  const browser = firstMatch(userAgent, browsers);
  const system = firstMatch(userAgent, systems);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? null;
}
