// Plain numbers both sides need: the API enforces them, the renderer checks first so a user is told before
// a large file is read into memory. No zod here, so the renderer may import this module's values.

/** A single piece of evidence may be at most this large (photos, scans, sign-in sheets). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Largest bundle accepted through the API (base64 in one call); cumulative bundles are far smaller. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** Length of a file's base64 text, with room for padding, as the schemas bound it. */
export const base64Limit = (bytes: number): number => Math.ceil((bytes * 4) / 3) + 1024;

/**
 * The web bridge's request body limit: the largest call is a bundle import, so the limit is that bundle's
 * base64 plus room for its file name and the JSON around it. One number, so the bridge never refuses a
 * bundle the contract accepts.
 */
export const MAX_REQUEST_BYTES = base64Limit(MAX_BUNDLE_BYTES) + 64 * 1024;

/** No contract input nests deeper than a handful of levels; anything deeper is refused before parsing. */
export const MAX_JSON_DEPTH = 32;

/** Lengths and bounds of what people type: the schemas enforce them, the forms stop typing at them. */
export const LIMITS = {
  title: 200,
  name: 100,
  short: 50,
  line: 300,
  text: 20_000,
  list: 200,
  maxYuan: 100_000_000_000,
} as const;
