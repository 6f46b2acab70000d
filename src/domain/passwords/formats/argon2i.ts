import { argon2Format } from "./argon2-phc.ts";

export const argon2iFormat = argon2Format("argon2i");
