import { z } from "zod";
import { birthdate } from "./birthdate.ts";
import { gender } from "./gender.ts";
import { httpUrl } from "./http-url.ts";
import { locale } from "./locale.ts";
import { boundedText, nameMaximumLength, streetAddressMaximumLength } from "./text.ts";
import { zoneinfo } from "./zoneinfo.ts";

const shortText = boundedText(nameMaximumLength).nullish();

export const address = z.object({
  id: boundedText(128).nullish(),
  isPrimary: z.boolean().nullish(),
  firstName: shortText,
  lastName: shortText,
  // seed 000: "MAY contain ... multi-line extended street address information".
  streetAddress: boundedText(streetAddressMaximumLength).nullish(),
  streetAddress2: boundedText(streetAddressMaximumLength).nullish(),
  city: shortText,
  state: shortText,
  zipCode: boundedText(32).nullish(),
  country: shortText,
});

export const addresses = z
  .array(address)
  .max(10, "Must have at most 10 addresses.")
  .refine((list) => list.filter((item) => item.isPrimary === true).length <= 1, "At most one address can be primary.");

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
