/**
 * Content-Security-Policy for every app:// response, the web bridge and the page's own meta tag: scripts and
 * styles only from the app's files, no plugins, frames or form posts. No 'unsafe-inline' for styles: React
 * applies a `style={...}` prop through the CSSOM (element.style), which CSP does not govern; only style
 * attributes in HTML markup and <style> elements would need it, and the UI has neither.
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
