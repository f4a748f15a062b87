// How long the site's search takes to become ready, outside a browser.
//
//     node bench/search_ready.js SITE_DIR [QUERY]
//
// Loads Material's own search worker (SITE_DIR/assets/javascripts/workers/search.*.min.js)
// into Node with the few worker globals it needs, then does what the page does when a reader
// opens search: parse the search index (search/search_index.full.json) and send the worker its SETUP message. The time
// until the worker answers READY is the time a reader waits before the first result can show
// (the worker builds its lunr index from the JSON in the reader's browser; nothing is prebuilt).
// Then one query is timed. Prints one line of JSON. Chrome runs the same V8 engine, so the
// figures are close to a desktop browser's; a phone is several times slower.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { performance } = require("perf_hooks");

const site = process.argv[2];
const query = process.argv[3] || "Padrino";
const workers = path.join(site, "assets", "javascripts", "workers");
const script = fs.readdirSync(workers).find(name => /^search\..*\.min\.js$/.test(name));
if (!script) {
  console.error(`no search worker in ${workers}`);
  process.exit(2);
}

let listener = null;
let answer = null;
globalThis.self = globalThis;
globalThis.addEventListener = (type, fn) => { if (type === "message") listener = fn; };
globalThis.postMessage = message => { if (answer) answer(message); };
globalThis.importScripts = () => {};  // only needed for languages other than English
vm.runInThisContext(fs.readFileSync(path.join(workers, script), "utf8"), { filename: script });

function send(message) {
  return new Promise(resolve => {
    answer = resolve;
    listener({ data: message });
  });
}

(async () => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The documents are in search_index.full.json where the site loads them on first use
  // (plugin/record_site/reader.py); an older build has them in search_index.json.
  const full = path.join(site, "search", "search_index.full.json");
  const text = fs.readFileSync(fs.existsSync(full) ? full : path.join(site, "search", "search_index.json"), "utf8");
  const data = JSON.parse(text);
  const parsed = performance.now();
  // SearchMessageType: SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const ready = await send({ type: 0, data: { ...data, options: { suggest: true } } });
  const setup = performance.now();
  const setupCpu = process.cpuUsage(cpu);
  if (ready.type !== 1) throw new Error(`expected READY, got ${JSON.stringify(ready).slice(0, 200)}`);
  const result = await send({ type: 2, data: query });
  const done = performance.now();
  console.log(JSON.stringify({
    index_bytes: Buffer.byteLength(text),
    docs: data.docs.length,
    parse_s: (parsed - started) / 1000,
    ready_s: (setup - started) / 1000,
    ready_cpu_s: (setupCpu.user + setupCpu.system) / 1e6,  // all of Node's threads: compare with ready_s
    query_s: (done - setup) / 1000,
    query_hits: result.data.items.length,
  }));
})().catch(err => { console.error(err); process.exit(1); });
