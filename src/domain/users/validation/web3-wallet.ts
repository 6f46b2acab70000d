import { keccak_256 } from "@noble/hashes/sha3.js";
import { z } from "zod";

export interface NormalizedWeb3Wallet {
  /** As given: an EIP-55 checksummed address keeps its case. */
  address: string;
  /** Lower-cased: the unique key. */
  addressNormalized: string;
}

const walletPattern = /^0x[0-9a-fA-F]{40}$/;

/**
 * EIP-55: a mixed-case address encodes a checksum in the case of its letters; all-lower and
 * all-upper addresses carry none and are accepted as they are.
 */
export function hasValidChecksum(address: string): boolean {
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(hex.toLowerCase()))).toString("hex");
  for (let index = 0; index < hex.length; index++) {
    const character = hex[index]!;
    if (!/[a-fA-F]/.test(character)) continue;
    const shouldBeUpper = Number.parseInt(hash[index]!, 16) >= 8;
    if (shouldBeUpper !== (character === character.toUpperCase())) return false;
  }
  return true;
}

export const web3Wallet = z
  .string()
  .trim()
  // Aborting: the checksum of what is not an address would be one more, false, error.
  .regex(walletPattern, { message: "Must be 0x followed by 40 hexadecimal digits.", abort: true })
  .refine(hasValidChecksum, "Has mixed case that fails the EIP-55 checksum.")
  .transform((address): NormalizedWeb3Wallet => ({ address, addressNormalized: address.toLowerCase() }));
