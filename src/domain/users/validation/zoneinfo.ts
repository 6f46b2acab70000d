import { z } from "zod";
import { rememberingAccepted, toNormalForm } from "./normal-form.ts";
import { timeZoneNamesIntlDoesNotList } from "./time-zone-names.ts";

// The time zone database's spelling of each name, found by its lower case. Intl knows which names
// are time zones but not how a link is spelled: it resolves a link to its target ("US/Pacific" to
// America/Los_Angeles, "Asia/Kolkata" to the older Asia/Calcutta), which is not what the user chose.
const databaseSpelling = new Map(
  [...Intl.supportedValuesOf("timeZone"), ...timeZoneNamesIntlDoesNotList].map((name) => [name.toLowerCase(), name]),
);

// An IANA time zone name such as Europe/Paris (links like US/Pacific included), stored in the
// database's spelling when only the case differs ("us/pacific" becomes "US/Pacific"); a link keeps
// its own name. Not fixed offsets, and not the abbreviations and aliases ICU also takes ("PST",
// "IST", "SystemV/PST8"), which are no IANA names and may stand for several zones. Making a
// DateTimeFormat costs ~0.1 ms, a tenth of a bulk-imported user's budget, hence the memory.
const storedTimeZoneName = rememberingAccepted((value) => {
  const spelled = databaseSpelling.get(value.toLowerCase());
  if (spelled === undefined) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: spelled });
  } catch {
    return undefined;
  }
  return spelled;
});

export const zoneinfo = z
  .string()
  .trim()
  .max(64, "Must be at most 64 characters.")
  .transform(toNormalForm(storedTimeZoneName, "Must be an IANA time zone name such as Europe/Paris."));
