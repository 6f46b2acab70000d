import type { DocumentNode } from "graphql";

// Yoga caches each distinct document text it parses (and each parse failure) for an hour, up to
// 1,024 of them whatever their size. Its key is the whole text and a parsed document keeps the
// text (`loc.source`) and every token it was read from, so 1,024 bodies of `{ __typename }` and a
// 4 MiB comment held 4 GiB and took the process down, and 1,024 five-kilobyte documents of 2,500
// fields held 1.2 GB. Here what is kept is bounded by an estimate of its memory instead.

/** Longer documents are parsed on every request: operations are far shorter, and big data belongs in variables. */
export const maximumCachedDocumentLength = 16 * 1024;
/** What the cached documents may hold in all, estimated: a few hundred typical operations. */
export const maximumCachedBytes = 32 * 1024 * 1024;
// Measured: a parsed document of 2,500 fields held 480 bytes per token (its token, field, name
// and location objects); other tokens (punctuation, argument values) make fewer objects.
const bytesPerToken = 512;

/**
 * Documents by their text, least recently used dropped first once the estimated bytes of text
 * (two a character, as V8 may keep it) and of tokens exceed `maximumCachedBytes`. `tokenCount`
 * says how many tokens a value keeps alive (none for a parse failure, which keeps only the text).
 */
export class DocumentCache<T> {
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private heldBytes = 0;

  constructor(private readonly tokenCount: (value: T) => number) {}

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** Their estimated memory, in bytes. */
  get bytes(): number {
    return this.heldBytes;
  }

  get(text: string): T | undefined {
    const entry = this.entries.get(text);
    if (!entry) return undefined;
    // Moved to the end, the most recently used: eviction takes from the start.
    this.entries.delete(text);
    this.entries.set(text, entry);
    return entry.value;
  }

  set(text: string, value: T): void {
    if (text.length > maximumCachedDocumentLength) return;
    const bytes = 2 * text.length + bytesPerToken * this.tokenCount(value);
    if (bytes > maximumCachedBytes) return;
    this.delete(text);
    for (const [oldestText] of this.entries) {
      if (this.heldBytes + bytes <= maximumCachedBytes) break;
      this.delete(oldestText);
    }
    this.entries.set(text, { value, bytes });
    this.heldBytes += bytes;
  }

  private delete(text: string): void {
    const entry = this.entries.get(text);
    if (!entry) return;
    this.entries.delete(text);
    this.heldBytes -= entry.bytes;
  }
}

/** The tokens a parsed document keeps through its locations: a linked list from the first. */
export function documentTokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) count++;
  return count;
}

/** Yoga's `parserAndValidationCache`: its validation cache is keyed by the parsed document, weakly. */
export function boundedParserCache() {
  return {
    documentCache: new DocumentCache<DocumentNode>(documentTokenCount),
    errorCache: new DocumentCache<unknown>(() => 0),
  };
}
