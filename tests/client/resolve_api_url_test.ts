/**
 * resolveApiUrl(): explicit URL, then BAKTA_API_URL, then the public service.
 */

import assert from "node:assert/strict";
import { DEFAULT_BAKTA_API_URL, resolveApiUrl } from "../../src/client/mod.ts";

Deno.test("resolveApiUrl() prefers the explicit URL, then the environment, then the default", () => {
  const saved = Deno.env.get("BAKTA_API_URL");
  try {
    Deno.env.delete("BAKTA_API_URL");
    assert.equal(resolveApiUrl(), DEFAULT_BAKTA_API_URL);
    assert.equal(DEFAULT_BAKTA_API_URL, "https://api.bakta.computational.bio/api/v1");
    Deno.env.set("BAKTA_API_URL", "https://api.staging.bakta.computational.bio/api/v1/");
    assert.equal(resolveApiUrl(), "https://api.staging.bakta.computational.bio/api/v1");
    assert.equal(resolveApiUrl("http://127.0.0.1:8080/api/v1"), "http://127.0.0.1:8080/api/v1");
    Deno.env.set("BAKTA_API_URL", "not a url");
    assert.throws(() => resolveApiUrl(), /Invalid BAKTA_API_URL "not a url"/);
    assert.throws(() => resolveApiUrl("ftp://x/api"), /Invalid explicit URL "ftp:\/\/x\/api"/);
  } finally {
    if (saved === undefined) Deno.env.delete("BAKTA_API_URL");
    else Deno.env.set("BAKTA_API_URL", saved);
  }
});
