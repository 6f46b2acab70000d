import { foldedText } from "../../folded-text.ts";
import { z } from "zod";
import { birthdate } from "./birthdate.ts";
import { gender } from "./gender.ts";
import { httpUrl } from "./http-url.ts";
import { locale } from "./locale.ts";
import { multiLineText, nameMaximumLength, singleLineText, streetAddressMaximumLength } from "./text.ts";
import { zoneinfo } from "./zoneinfo.ts";

const shortText = singleLineText(nameMaximumLength).nullish();

export const address = z.object({
  id: singleLineText(128).nullish(),
  isPrimary: z.boolean().nullish(),
  firstName: shortText,
  lastName: shortText,
  // seed 000: "MAY contain ... multi-line extended street address information".
  streetAddress: multiLineText(streetAddressMaximumLength).nullish(),
  streetAddress2: multiLineText(streetAddressMaximumLength).nullish(),
  city: shortText,
  state: shortText,
  zipCode: singleLineText(32).nullish(),
  country: shortText,
});

export const addresses = z
  .array(address)
  .max(10, "Must have at most 10 addresses.")
  .refine((list) => list.filter((item) => item.isPrimary === true).length <= 1, "At most one address can be primary.")
  // The id is the label that tells addresses apart ("Home", "Billing Address"): two alike, in
  // whatever case or Unicode form ("Café" composed or not, "Straße" and "STRASSE"), would not. The
  // ids are trimmed by now.
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (item.id == null) return;
      const label = foldedText(item.id);
      if (seen.has(label)) {
        context.addIssue({ code: "custom", path: [index, "id"], message: "Repeats the id of an earlier address (ignoring case and Unicode form): each address needs its own." });
      }
      seen.add(label);
    });
  });

export const profile = z.object({
  addresses: addresses.nullish(),
  birthdate: birthdate.nullish(),
  familyName: shortText,
  gender: gender.nullish(),
  givenName: shortText,
  locale: locale.nullish(),
  middleName: shortText,
  nickname: shortText,
  profilePage: httpUrl.nullish(),
  website: httpUrl.nullish(),
  zoneinfo: zoneinfo.nullish(),
});

export type ProfileValues = z.output<typeof profile>;
