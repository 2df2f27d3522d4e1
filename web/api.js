// Same-origin calls to the API with the stored key; every error the API returns becomes one readable message.

export class APIError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let askForKey = async () => null;

/** `ask` is called when the server wants a key; it returns the key or null. */
export function onKeyNeeded(ask) { askForKey = ask; }

export function apiKey() { return localStorage.getItem("ishowtts.key") ?? ""; }

/** `path` with the key as a query parameter, for EventSource and media elements (which cannot send headers). */
export function withKey(path) {
  const key = apiKey();
  return key ? `${path}${path.includes("?") ? "&" : "?"}key=${encodeURIComponent(key)}` : path;
}

/** Calls the API; JSON bodies are sent as JSON, FormData as multipart. Returns the Response (ok) or throws APIError. */
export async function call(path, { method = "GET", json, body, retry = true } = {}) {
  const headers = {};
  const key = apiKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body });
  } catch (error) {
    throw new APIError(0, "network", "the server cannot be reached");
  }
  if (response.status === 401 && retry) {
    const entered = await askForKey();
    if (entered) {
      localStorage.setItem("ishowtts.key", entered);
      return call(path, { method, json, body, retry: false });
    }
  }
  if (!response.ok) {
    let detail = { code: "http_" + response.status, message: response.statusText };
    try {
      detail = (await response.json()).error ?? detail;
    } catch (_) { /* not JSON */ }
    throw new APIError(response.status, detail.code, detail.message, detail.field);
  }
  return response;
}

export async function getJSON(path) { return (await call(path)).json(); }
