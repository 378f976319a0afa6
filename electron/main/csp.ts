/**
 * Content-Security-Policy for every app:// response, the web bridge and the page's own meta tag: scripts and
 * styles only from the app's files (the UI uses no inline scripts or style attributes), no plugins, frames
 * or form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
