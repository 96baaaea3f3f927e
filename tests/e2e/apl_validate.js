// Every APL document the skill sends, through apl-suggester's offline validator.
//
//   node tests/e2e/apl_validate.js lambda/backstretch/screen/documents/*.json
//
// Prints one JSON report on stdout ({file: [findings]}); exits 1 when any document has one.
"use strict";

const fs = require("node:fs");
const { StaticAplTemplateValidator } = require("apl-suggester");

async function main() {
  const validator = new StaticAplTemplateValidator();
  const report = {};
  for (const file of process.argv.slice(2)) {
    const document = JSON.parse(fs.readFileSync(file, "utf8"));
    report[file] = (await validator.validate(document)) || [];
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = Object.values(report).some((findings) => findings.length) ? 1 : 0;
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error && error.stack) })}\n`);
  process.exitCode = 2;
});
