#!/usr/bin/env node
// Validates filled-in Teams app manifests against Microsoft's published JSON schema for their manifestVersion,
// as shipped in the npm package @microsoft/app-manifest (draft-04 schemas, so ajv-draft-04 plus ajv-formats).
//
// Usage: node validate-manifest.mjs <manifest.json>...
// Prints {"manifests":[{"file","valid","manifestVersion","errors":[...]}],"invalid":N} on stdout.
// Exit code: 0 all valid, 1 some manifest invalid, 2 bad usage.
// Placeholders such as {{MicrosoftAppId}} must be substituted first: the schema rejects them as ids.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schemasRoot = join(dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map();

function validatorFor(version) {
  // Preview schemas change without notice; a manifest a partnership uploads must use a released version.
  if (!/^1\.\d+$/.test(version)) throw new Error(`manifestVersion ${JSON.stringify(version)} is not a released 1.x version`);
  if (!compiled.has(version)) {
    const file = join(schemasRoot, `v${version}`, "MicrosoftTeams.schema.json");
    if (!existsSync(file)) throw new Error(`@microsoft/app-manifest ships no schema for manifestVersion ${version}`);
    compiled.set(version, ajv.compile(JSON.parse(readFileSync(file, "utf8"))));
  }
  return compiled.get(version);
}

function validate(file) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return { file, valid: false, manifestVersion: null, errors: [`not JSON: ${e.message}`] };
  }
  const version = manifest?.manifestVersion;
  let errors;
  try {
    const check = validatorFor(version);
    errors = check(manifest) ? [] : check.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? `: "${e.params.additionalProperty}"` : ""}`);
  } catch (e) {
    errors = [e.message];
  }
  const schemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest?.$schema !== undefined && manifest.$schema !== schemaUrl) errors.push(`/$schema should be ${schemaUrl}`);
  return { file, valid: errors.length === 0, manifestVersion: version ?? null, errors };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node validate-manifest.mjs <manifest.json>...\n");
  process.exitCode = 2;
} else {
  const manifests = files.map(validate);
  const invalid = manifests.filter((m) => !m.valid).length;
  process.stdout.write(JSON.stringify({ manifests, invalid }, null, 2) + "\n");
  process.exitCode = invalid === 0 ? 0 : 1;
}
