import { hashFunctionValues, passwordHasherValues } from "../domain/users/user-input.ts";
import { IdentityProvider, IdentityType } from "../generated/prisma/enums.ts";
import { builder } from "./builder.ts";

// seed 000's provider and type values, in upper snake case ("3gbilisim" is THREE_G_BILISIM).
export const IdentityProviderEnum = builder.enumType(IdentityProvider, { name: "IdentityProvider" });
export const IdentityTypeEnum = builder.enumType(IdentityType, { name: "IdentityType" });

export const HashFunctionEnum = builder.enumType("HashFunction", {
  description: "The function a new password is hashed with (seed 000 `hash_fn`).",
  values: hashFunctionValues,
});

export const PasswordHasherEnum = builder.enumType("PasswordHasher", {
  description: "The algorithm an imported `passwordDigest` was made with (seed 004 `password_hasher`).",
  values: passwordHasherValues,
});
