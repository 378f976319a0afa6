// What a call to the web bridge must look like, known to both the bridge and the renderer's client. A page
// on another local port can make the browser send a simple request (form post, text/plain fetch, image)
// with the bridge's cookie, but never with a custom header or a JSON content type unless the bridge
// allows it in a CORS preflight, which it never does. So both are required on every call.

export const BRIDGE_API_PATH = '/api/invoke';
export const BRIDGE_HEADER = 'x-bangfu-bridge';
export const BRIDGE_HEADER_VALUE = '1';
/** The event stream (Server-Sent Events), asked for like a call: POST, JSON type, bridge header. */
export const BRIDGE_EVENTS_PATH = '/api/events';
