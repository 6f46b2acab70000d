import { z } from "zod";
import { IdentityProvider, IdentityType } from "../../../generated/prisma/enums.ts";
import { identityDetails } from "./json-object.ts";
import { singleLineText } from "./text.ts";

export const identity = z.object({
  connection: singleLineText(128),
  provider: z.enum(IdentityProvider),
  type: z.enum(IdentityType),
  id: singleLineText(255).nullish(),
  details: identityDetails,
});

export const identities = z
  .array(identity)
  .max(20, "Must have at most 20 identities.")
  .superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((item, index) => {
      if (item.id == null) return;
      const key = `${item.provider}\u0000${item.id}`;
      if (seen.has(key)) context.addIssue({ code: "custom", path: [index, "id"], message: "Repeats an earlier identity's provider and id." });
      seen.add(key);
    });
  });
