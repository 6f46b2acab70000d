import { createGraphQLError, type Plugin } from "graphql-yoga";

// The media types Yoga reads a POST body in, which it matches only in lower case; read here in any
// case, as Yoga reads them. (Multipart, which Yoga reads too, is turned off in server.ts.) Each
// reads the body's text through `bodyText`, so a leading byte-order mark means the same in all.
const bodyParsers = new Map<string, (request: Request) => Promise<object>>([
  ["application/json", parseJsonBody],
  ["application/graphql+json", parseJsonBody],
  // The document alone as the body.
  ["application/graphql", async (request) => ({ query: await bodyText(request) })],
  ["application/x-www-form-urlencoded", async (request) => parseFormBody(await bodyText(request))],
]);

// The media types Yoga answers in (its result processors); within one range of Accept, in the order
// Yoga prefers them (`*/*` is answered in application/json).
const answerMediaTypes = ["application/json", "application/graphql-response+json", "multipart/mixed", "text/event-stream"];

/**
 * Media types are case-insensitive (RFC 9110): a client or proxy that sends `Application/JSON` or
 * `APPLICATION/X-WWW-FORM-URLENCODED` gets its body read, where Yoga answered 415 with an empty
 * body. A request whose type no parser takes gets 415 with a GraphQL error saying what to send.
 *
 * A body with a Content-Encoding (gzip) gets 415 too, as RFC 9110 has it, rather than being read
 * as the JSON it is not.
 *
 * A body, or a GET's parameters, that is not UTF-8 gets 400: read with U+FFFD for each byte that is
 * not, a password of twelve 0xE9 bytes (Latin-1 `é`) was stored as twelve U+FFFD, and twelve 0xFF
 * bytes then signed in to it.
 *
 * A request that accepts none of the types an answer can have gets 406 before it runs: Yoga picks
 * the answer's type only after running the operation, so a sign-up from a client that accepts only
 * `text/html` created the user and opened a session, then answered an empty 406. Yoga reads no
 * weights in Accept, so it would answer JSON to `application/json;q=0, text/html` ("not JSON"):
 * here `q=0` rules a type out, and Yoga is handed an Accept of only the types left.
 */
export function useMediaTypes(): Plugin {
  return {
    onRequestParse({ request, setRequestParser, endResponse, fetchAPI }) {
      const accept = request.headers.get("accept");
      const answerTypes = accept ? acceptedAnswerTypes(accept) : undefined;
      // In application/json unless the client takes only the GraphQL one, as Yoga's own refusals.
      const refusalType =
        answerTypes && !answerTypes.allowed.includes("application/json") && answerTypes.allowed.includes("application/graphql-response+json")
          ? "application/graphql-response+json"
          : "application/json";
      /** Ends the request with one coded GraphQL error. */
      const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
            status,
            headers: { "content-type": `${refusalType}; charset=utf-8`, ...headers },
          }),
        );
      if (answerTypes?.allowed.length === 0) {
        refuse(406, "NOT_ACCEPTABLE", "Not Acceptable: accept application/graphql-response+json or application/json.");
        return;
      }
      if (answerTypes?.weighed) request.headers.set("accept", answerTypes.allowed.join(", "));
      // Nothing here decodes a compressed body: it would be refused as JSON that does not parse.
      const contentEncoding = request.headers.get("content-encoding")?.trim().toLowerCase();
      if (contentEncoding && contentEncoding !== "identity") {
        refuse(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Encoding: send the body uncompressed.", { "accept-encoding": "identity" });
        return;
      }
      if (request.method === "GET") {
        // Yoga reads the parameters as URLSearchParams does, with U+FFFD for bytes that are not UTF-8.
        if (!isUtf8FormEncoded(request.url.slice(request.url.indexOf("?") + 1))) {
          refuse(400, "BAD_REQUEST", notUtf8Message);
        }
        return;
      }
      // Another method is Yoga's to refuse (405 with Allow).
      if (request.method !== "POST") return;
      const contentType = request.headers.get("content-type") ?? "";
      // A Content-Type is one media type (RFC 9110 section 8.3): a comma outside a quoted parameter
      // value makes it a list, which says no one type the body is in (`application/json, text/plain`
      // was read as JSON).
      if (withoutQuotedStrings(contentType).includes(",")) {
        refuse(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Type: send one media type, application/json, not a list.");
        return;
      }
      const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
      // Bodies are read as UTF-8 whatever they say: Latin-1 text would be stored with U+FFFD in
      // place of its accented letters.
      const charset = /;\s*charset\s*=\s*"?([^";,\s]*)/i.exec(contentType)?.[1];
      if (charset !== undefined && charset.toLowerCase() !== "utf-8") {
        refuse(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported charset: send the body in UTF-8.");
        return;
      }
      const bodyParser = bodyParsers.get(mediaType);
      if (bodyParser) {
        setRequestParser(bodyParser);
        return;
      }
      refuse(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Content-Type: send a POST with application/json, or a GET.");
    },
  };
}

/** `text` without its quoted strings (RFC 9110 section 5.6.4: `"`, then any character or a backslash-escaped one, then `"`). */
function withoutQuotedStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"/g, "");
}

interface MediaRange {
  type: string;
  subtype: string;
  /** `q=0`: "not acceptable" (RFC 9110 section 12.4.2). */
  refused: boolean;
}

interface AcceptedAnswerTypes {
  /** In the order Yoga would prefer them. */
  allowed: string[];
  /** Whether a weight ruled out a type Yoga, reading the header itself, would choose among the others. */
  weighed: boolean;
}

/**
 * The answer types Accept allows, for Yoga to choose from.
 *
 * Read as Yoga reads it (in any case, ranges such as `application/*` included, a charset other than
 * UTF-8 ruling an entry out), and besides with its weights: a type is allowed unless the most
 * specific range naming it (RFC 9110 section 12.5.1) says `q=0`.
 */
function acceptedAnswerTypes(accept: string): AcceptedAnswerTypes {
  const ranges = accept
    .replace(/\s/g, "")
    .toLowerCase()
    .split(",")
    .flatMap((entry): MediaRange[] => {
      const [range = "", ...parameters] = entry.split(";");
      // Yoga's reading, to the letter: the first parameter holding `charset=` anywhere must be
      // `charset=utf-8`. Read any other way, an entry Yoga skips would pass here, and the operation
      // would run before Yoga found no type to answer in.
      const charset = parameters.find((parameter) => parameter.includes("charset="));
      if (charset !== undefined && charset !== "charset=utf-8") return [];
      const [type = "", subtype = ""] = range.split("/");
      // A weight of zero however written (`q=0.0000`, `q=.0`): no client means a type it weighs so.
      return [{ type, subtype, refused: parameters.some((parameter) => /^q=[\d.e+-]+$/.test(parameter) && Number(parameter.slice(2)) === 0) }];
    });
  // `*/*, application/json;q=0` allows every type but JSON; `application/json, */*;q=0` JSON alone.
  const named = answerMediaTypes.filter((mediaType) => ranges.some((range) => includes(range, mediaType)));
  const allowed = named.filter((mediaType) => mostSpecificRange(ranges, mediaType)?.refused === false);
  // Yoga picks among them by their order (a JSON type first, the one listed first): the ranges' order.
  const inOrder = [...new Set(ranges.flatMap((range) => allowed.filter((mediaType) => includes(range, mediaType))))];
  return { allowed: inOrder, weighed: allowed.length < named.length };
}

function includes(range: MediaRange, mediaType: string): boolean {
  const [type, subtype] = mediaType.split("/");
  return (range.type === "*" || range.type === type) && (range.subtype === "*" || range.subtype === subtype);
}

/** The first of the ranges naming `mediaType` most precisely: the type itself, then its type with any subtype, then any type. */
function mostSpecificRange(ranges: MediaRange[], mediaType: string): MediaRange | undefined {
  const specificity = (range: MediaRange) => (range.type === "*" ? 0 : 1) + (range.subtype === "*" ? 0 : 1);
  let mostSpecific: MediaRange | undefined;
  for (const range of ranges) {
    if (includes(range, mediaType) && (!mostSpecific || specificity(range) > specificity(mostSpecific))) mostSpecific = range;
  }
  return mostSpecific;
}

const notUtf8Message = "The request is not valid UTF-8: send its text, and any percent-encoded bytes, in UTF-8.";

function notUtf8Error() {
  return createGraphQLError(notUtf8Message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
}

// `fatal`: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD. Without `ignoreBOM`,
// one leading byte-order mark is dropped, as the Fetch standard's "UTF-8 decode" does.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The body as UTF-8 text without one leading byte-order mark, as the Fetch standard's `text()` and
 * `json()` decode it: the Request Yoga hands over keeps the mark, so its `json()` refused such a
 * JSON body (RFC 8259 section 8.1 allows the mark), and a form read the first parameter's name as
 * `\uFEFFquery`. A second mark is a character of the text. A body that is not UTF-8 is refused.
 */
async function bodyText(request: Request): Promise<string> {
  const bytes = await request.arrayBuffer();
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw notUtf8Error();
  }
}

/**
 * Whether form-encoded text (a query string, a form body) percent-decodes to UTF-8, as
 * URLSearchParams reads it: a `%` without two hex digits after it is itself, which
 * `decodeURIComponent` alone would refuse. `decodeURIComponent` throws on bytes that are not UTF-8,
 * overlong forms and encoded surrogates included. Checking the whole text is checking each name and
 * value: `&` and `=` are ASCII, which neither ends nor continues a multi-byte sequence.
 */
function isUtf8FormEncoded(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, "%25"));
    return true;
  } catch {
    return false;
  }
}

/** As Yoga reads a JSON body: an object (an operation) or an array (a batch). */
async function parseJsonBody(request: Request): Promise<object> {
  const text = await bodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw createGraphQLError("POST body sent invalid JSON.", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
  }
  if (typeof body !== "object" || body === null) {
    throw createGraphQLError(`POST body is expected to be object but received ${body === null ? "null" : typeof body}`, {
      extensions: { code: "BAD_REQUEST", http: { status: 400 } },
    });
  }
  return body;
}

/** As Yoga reads a form: `variables` and `extensions` are JSON text (a SyntaxError is useRequestParseErrors' to answer). */
function parseFormBody(body: string): object {
  if (!isUtf8FormEncoded(body)) throw notUtf8Error();
  const parameters = new URLSearchParams(body);
  const json = (name: string) => {
    const text = parameters.get(name);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    operationName: parameters.get("operationName") || undefined,
    query: parameters.get("query") || undefined,
    variables: json("variables"),
    extensions: json("extensions"),
  };
}
