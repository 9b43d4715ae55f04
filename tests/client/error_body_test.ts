/**
 * summarizeErrorBody(): every error body shape of the service, its gateway and its object store.
 */

import assert from "node:assert/strict";
import { summarizeErrorBody } from "../../src/client/mod.ts";

Deno.test("summarizeErrorBody() reduces each body shape to one line", () => {
  const cases: [string, string][] = [
    ['"Job not finished"', "Job not finished"],
    ['"Unauthorized"', "Unauthorized"],
    ["Unauthorized", "Unauthorized"],
    [
      "Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 2",
      "Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column 2",
    ],
    ['{"code": 16, "message": "unauthenticated", "details": []}', "unauthenticated"],
    ['{"error": "oops"}', "oops"],
    ['{"other": 1}', '{"other":1}'],
    [
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
      "502 Bad Gateway",
    ],
    [
      "<!DOCTYPE html><html><body><h1>Service\n  Unavailable</h1></body></html>",
      "Service Unavailable",
    ],
    ["<html><body><p>Down for &amp; maintenance&#33;</p></body></html>", "Down for & maintenance!"],
    [
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
      "NoSuchKey: The specified key does not exist.",
    ],
    ["  line one\n\n  line two  ", "line one line two"],
    ["", ""],
    ["{broken json", "{broken json"],
  ];
  for (const [body, expected] of cases) assert.equal(summarizeErrorBody(body), expected, body);
});

Deno.test("summarizeErrorBody() cuts long messages to about 200 characters", () => {
  const long = summarizeErrorBody(`"${"word ".repeat(100)}"`);
  assert.ok(long.length <= 200, String(long.length));
  assert.ok(long.endsWith("…"));
  assert.equal(summarizeErrorBody("abcdef", 4), "abc…");
});
