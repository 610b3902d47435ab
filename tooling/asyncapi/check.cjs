// Validates the committed AsyncAPI document with the official parser (@asyncapi/parser), as `make lint` runs it.
// Fails loudly: any diagnostic of severity error (0), or no document at all, is a non-zero exit with the reasons.
// Usage: NODE_PATH=.tools/asyncapi/node_modules node tooling/asyncapi/check.cjs contracts/schemas/asyncapi.json
"use strict";
const fs = require("node:fs");
const { Parser } = require("@asyncapi/parser");

async function main(path) {
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(fs.readFileSync(path, "utf8"), { source: path });
  const errors = diagnostics.filter((d) => d.severity === 0);
  const warnings = diagnostics.filter((d) => d.severity === 1);
  for (const d of [...errors, ...warnings]) {
    const where = (d.path || []).join(".") || "(document)";
    console.error(`${d.severity === 0 ? "error" : "warning"} ${d.code} at ${where}: ${d.message}`);
  }
  if (errors.length || !document) {
    console.error(`${path}: NOT a valid AsyncAPI document (${errors.length} errors)`);
    process.exit(1);
  }
  console.log(`${path}: valid AsyncAPI ${document.version()} (${document.channels().length} channels, ` +
    `${warnings.length} warnings)`);
}

main(process.argv[2] || "contracts/schemas/asyncapi.json").catch((err) => {
  console.error(err.stack || String(err));
  process.exit(2);
});
