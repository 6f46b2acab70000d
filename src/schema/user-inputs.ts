import { builder } from "./builder.ts";
import { IdentityProviderEnum, IdentityTypeEnum } from "./enums.ts";

// Input types both signUp and createUser use. Values people type are plain String/Int here and
// checked by the domain's rules, so one ValidationError lists them all (SPEC section 5).

export const AddressInput = builder.inputType("AddressInput", {
  fields: (t) => ({
    id: t.string({ description: 'A label for the address, e.g. "Delivery Address".' }),
    isPrimary: t.boolean(),
    firstName: t.string(),
    lastName: t.string(),
    streetAddress: t.string({ description: "May hold several lines." }),
    streetAddress2: t.string(),
    city: t.string(),
    state: t.string(),
    zipCode: t.string(),
    country: t.string(),
  }),
});

export const ProfileInput = builder.inputType("ProfileInput", {
  fields: (t) => ({
    addresses: t.field({ type: [AddressInput] }),
    birthdate: t.string({ description: "YYYY-MM-DD (year 0000 when omitted) or YYYY." }),
    familyName: t.string(),
    gender: t.field({ type: "Gender", description: "A short code, or an integer from -10 to 10." }),
    givenName: t.string(),
    locale: t.string({ description: "A BCP 47 tag such as en-US." }),
    middleName: t.string(),
    nickname: t.string(),
    profilePage: t.string({ description: "An absolute http(s) URL." }),
    website: t.string({ description: "An absolute http(s) URL." }),
    zoneinfo: t.string({ description: "An IANA time zone such as Europe/Paris." }),
  }),
});

export const IdentityInput = builder.inputType("IdentityInput", {
  fields: (t) => ({
    connection: t.string({ required: true, description: "The connection's name." }),
    provider: t.field({ type: IdentityProviderEnum, required: true }),
    type: t.field({ type: IdentityTypeEnum, required: true }),
    id: t.string({ description: "The user's id at that connection; unique per provider." }),
    details: t.field({ type: "JSONObject", required: true, description: "The raw user object from the connection." }),
  }),
});
