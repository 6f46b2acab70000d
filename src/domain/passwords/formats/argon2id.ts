import { argon2Format } from "./argon2-phc.ts";

export const argon2idFormat = argon2Format("argon2id");
