// Plain numbers both sides need: the API enforces them, the renderer checks first so a user is told before
// a large file is read into memory. No zod here, so the renderer may import this module's values.

/** A single piece of evidence may be at most this large (photos, scans, sign-in sheets). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

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
