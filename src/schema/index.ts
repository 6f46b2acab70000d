import { builder } from "./builder.ts";
import "./scalars.ts";
import "./errors.ts";
import "./user.ts";
import "./sign-up.ts";
import "./create-user.ts";
import "./sessions.ts";
import "./admin-users.ts";
import "./update-user.ts";
import "./own-email-addresses.ts";
import "./email-verification.ts";
import "./password-reset.ts";
import "./second-factor.ts";

export const schema = builder.toSchema({ sortSchema: true });
