// Material's search worker answering queries in Node.js, for tests/test_search_pieces.py.
//
//     node tests/search_results.js WORKER INDEX_JSON QUERIES_JSON
//
// INDEX_JSON is either an index as Material writes it ({config, docs}: the worker builds lunr's
// index itself) or a prebuilt head ({config, docs, pieces}: its pieces are read from the
// folder of INDEX_JSON/pieces/, as the worker fetches them). Prints one line of JSON: the
// worker's RESULT data for each query, in order.
"use strict"
const fs = require("fs")
const path = require("path")
const vm = require("vm")
const { pathToFileURL, fileURLToPath } = require("url")

const [worker, indexFile, queriesFile] = process.argv.slice(2)
let listener = null
let answer = null
globalThis.self = globalThis
globalThis.addEventListener = (type, fn) => { if (type === "message") listener = fn }
globalThis.postMessage = message => { if (answer) answer(message) }
globalThis.importScripts = (...urls) => {
  for (const url of urls) {
    const file = path.resolve(path.dirname(worker), url)
    vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file })
  }
}
globalThis.fetch = async url => {
  const text = fs.readFileSync(fileURLToPath(String(url)), "utf8")
  return { ok: true, status: 200, json: async () => JSON.parse(text) }
}
vm.runInThisContext(fs.readFileSync(worker, "utf8"), { filename: worker })

function send(message) {
  return new Promise(resolve => { answer = resolve; listener({ data: message }) })
}

(async () => {
  const data = JSON.parse(fs.readFileSync(indexFile, "utf8"))
  if (data.pieces) data.pieces = { ...data.pieces, base: pathToFileURL(path.dirname(path.resolve(indexFile)) + path.sep).href }
  const ready = await send({ type: 0, data: { ...data, options: { suggest: true } } })
  if (ready.type !== 1) throw new Error("no READY")
  const results = []
  for (const query of JSON.parse(fs.readFileSync(queriesFile, "utf8"))) {
    results.push((await send({ type: 2, data: query })).data)
  }
  console.log(JSON.stringify(results))
})().catch(error => { console.error(error); process.exit(1) })
