/**
 * The one Content-Security-Policy, sent as a response header by both hosts
 * (Electron's app:// protocol and the loopback web host). The app loads
 * nothing from anywhere but itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * For a stored file shown on its own (an evidence photo, PDF or log): it may
 * load nothing and run nothing. `sandbox` also gives it an opaque origin, so
 * even a file that slipped past the type checks could not reach the app's
 * API. Chromium's PDF viewer and image view work under it.
 */
export const FILE_CONTENT_SECURITY_POLICY = ["default-src 'none'", 'sandbox', "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');

/** Headers every response carries, whichever host serves it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};
