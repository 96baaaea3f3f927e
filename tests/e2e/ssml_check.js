// Checks SSML documents with ssml-check-core for Alexa: a JSON array of strings on stdin,
// one JSON report on stdout ({checked, errors: [{ssml, errors}]}); exit 1 if any failed.
"use strict";
const { check } = require("ssml-check-core");

async function main() {
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const documents = JSON.parse(input);
  const report = { checked: 0, errors: [] };
  for (const ssml of documents) {
    report.checked += 1;
    const errors = await check(ssml, { platform: "amazon" });
    if (errors && errors.length) report.errors.push({ ssml, errors });
  }
  console.log(JSON.stringify(report));
  process.exit(report.errors.length ? 1 : 0);
}

main().catch((error) => {
  console.log(JSON.stringify({ checked: 0, errors: [{ ssml: "", errors: [String(error)] }] }));
  process.exit(2);
});
