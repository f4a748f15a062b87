// How long the site's search takes to become ready, and to answer a first query, outside a browser.
//
//     node bench/search_ready.js SITE_DIR [QUERY] [LANG]
//
// Loads Material's own search worker (SITE_DIR/assets/javascripts/workers/search.*.min.js,
// with the site plugin's search-pieces.js before it and search-fold.js after it) into Node
// with the few worker globals it needs, then does what the page does when a reader opens
// search: parse the search index's head (search/search_index.full.json, or
// es/search/... for LANG es) and send the worker its SETUP message. The time until the
// worker answers READY is ready_s. Then one query is timed (query_s): with the prebuilt
// index (plugin/record_site/search_pieces.py) this includes loading, from disk, the pieces
// the query needs (`fetch` is given file URLs here). first_result_s is ready_s + query_s;
// downloaded_bytes is what a reader downloads before that first result (head + pieces).
// Prints one line of JSON. Chrome runs the same V8 engine, so the figures are close to a
// desktop browser's; a phone is several times slower.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { pathToFileURL, fileURLToPath } = require("url");
const { performance } = require("perf_hooks");

const site = path.resolve(process.argv[2]);
const query = process.argv[3] || "Padrino";
const lang = process.argv[4] || "en";
const workers = path.join(site, "assets", "javascripts", "workers");
const script = fs.readdirSync(workers).find(name => /^search\..*\.min\.js$/.test(name));
if (!script) {
  console.error(`no search worker in ${workers}`);
  process.exit(2);
}

let listener = null;
let answer = null;
let downloaded = 0;
globalThis.self = globalThis;
globalThis.addEventListener = (type, fn) => { if (type === "message") listener = fn; };
globalThis.postMessage = message => { if (answer) answer(message); };
globalThis.importScripts = (...urls) => {  // lunr's language files, as the worker asks for them
  for (const url of urls) {
    const file = path.resolve(workers, url);
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
  }
};
globalThis.fetch = async url => {  // the prebuilt index's pieces, from disk
  const text = fs.readFileSync(fileURLToPath(String(url)), "utf8");
  downloaded += Buffer.byteLength(text);
  return { ok: true, status: 200, json: async () => JSON.parse(text) };
};
vm.runInThisContext(fs.readFileSync(path.join(workers, script), "utf8"), { filename: script });

function send(message) {
  return new Promise(resolve => {
    answer = resolve;
    listener({ data: message });
  });
}

(async () => {
  const folder = path.join(site, ...(lang === "en" ? [] : [lang]), "search");
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The documents are in search_index.full.json where the site loads them on first use
  // (plugin/record_site/reader.py); an older build has them in search_index.json.
  const full = path.join(folder, "search_index.full.json");
  const text = fs.readFileSync(fs.existsSync(full) ? full : path.join(folder, "search_index.json"), "utf8");
  downloaded += Buffer.byteLength(text);
  const data = JSON.parse(text);
  if (data.pieces) data.pieces = { ...data.pieces, base: pathToFileURL(folder + path.sep).href, script: false };
  const parsed = performance.now();
  // SearchMessageType: SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const ready = await send({ type: 0, data: { ...data, options: { suggest: true } } });
  const setup = performance.now();
  const setupCpu = process.cpuUsage(cpu);
  if (ready.type !== 1) throw new Error(`expected READY, got ${JSON.stringify(ready).slice(0, 200)}`);
  const result = await send({ type: 2, data: query });
  const done = performance.now();
  const allCpu = process.cpuUsage(cpu);
  const items = result.data.items;
  console.log(JSON.stringify({
    index_bytes: Buffer.byteLength(text),
    docs: data.docs.length,
    parse_s: (parsed - started) / 1000,
    ready_s: (setup - started) / 1000,
    ready_cpu_s: (setupCpu.user + setupCpu.system) / 1e6,  // all of Node's threads: compare with ready_s
    query_s: (done - setup) / 1000,
    first_result_s: (done - started) / 1000,
    first_result_cpu_s: (allCpu.user + allCpu.system) / 1e6,
    downloaded_bytes: downloaded,
    query_hits: items.length,  // results as Material counts them: pages, each with its matching sections
    query_sections: items.reduce((sum, group) => sum + group.length, 0),
  }));
})().catch(err => { console.error(err); process.exit(1); });
