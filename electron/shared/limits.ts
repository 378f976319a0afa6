// Plain numbers both sides need: the API enforces them, the renderer checks first so a user is told before
// a large file is read into memory. No zod here, so the renderer may import this module's values.

/** A single piece of evidence may be at most this large (photos, scans, sign-in sheets). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
