/* The reader's script, served by the site plugin (reader.py) on every page (deferred, before
 * Material's bundle, so it runs first). Two jobs:
 *
 * 1. Search loads when it is first used. Material starts its search worker and fetches
 *    the search index as soon as a page opens, which costs every reader the index's
 *    bytes whether they search or not. The build (reader.py) leaves Material only the
 *    index's configuration in search/search_index.json (search_index.js offline) and
 *    puts the documents in search/search_index.full.json (.full.js offline). Here the
 *    search worker Material asks for is a stand-in that keeps Material's messages until
 *    the reader first uses search (focuses or taps the search box, or presses its
 *    keyboard shortcut, which focuses it); then the real worker starts, the full index
 *    is fetched and handed to it, and the kept messages follow, in order. Material
 *    shows "Initializing search" until the worker is ready, as it always did.
 *    A failed fetch (a dropped connection) is tried again at the next use.
 *    The index is prebuilt (plugin/record_site/search_pieces.py): this file holds every
 *    document and where the index's pieces are; the worker (search-pieces.js, put before
 *    Material's) loads the pieces a query needs from the same folder, as JSON, or as
 *    scripts from file://.
 *    Each language has its own index: a Spanish page (<html lang="es">) searches
 *    es/search/search_index.full.*, whose configuration asks the worker for lunr's Spanish
 *    stemmer; every other page search/search_index.full.*.
 * 2. "How to cite this page": fills in today's date as the date of access, in the page's
 *    language. Without JavaScript the page says where the date goes instead.
 */
(function () {
  "use strict"

  var SETUP = 0 // Material's search worker messages: SETUP 0, READY 1, QUERY 2, RESULT 3
  var NativeWorker = window.Worker // the offline copy's iframe-worker shim, when it is installed
  var started = false
  var waiting = []

  function searchBase() {
    var config = JSON.parse(document.getElementById("__config").textContent)
    return new URL(config.base, location.href)
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = url
      script.onload = function () { script.remove(); resolve() }
      script.onerror = function () { script.remove(); reject(new Error("cannot load " + url)) }
      document.head.appendChild(script)
    })
  }

  function indexFolder() {
    var lang = document.documentElement.lang
    return lang && lang !== "en" && /^[a-z]{2,3}$/.test(lang) ? lang + "/search/" : "search/"
  }

  function loadIndex() {
    var base = searchBase()
    var folder = new URL(indexFolder(), base).href
    var script = location.protocol === "file:" // no fetch from file://: the index comes as a script
    var loaded = script
      ? loadScript(new URL("search_index.full.js", folder).href).then(function () { return window.__search_index_full })
      : fetch(new URL("search_index.full.json", folder)).then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status)
        return response.json()
      })
    return loaded.then(function (index) {
      // The prebuilt index's pieces lie beside it; the worker loads them as queries need them.
      if (index.pieces) index.pieces = Object.assign({}, index.pieces, { base: folder, script: script })
      return index
    })
  }

  class LazySearchWorker extends EventTarget {
    constructor(url) {
      super()
      this.url = url
      this.setup = null // Material's SETUP message, carrying the configuration only
      this.sent = false // whether the real worker has had its SETUP, with the documents
      this.queue = [] // every other message, kept until the worker has its index
      this.worker = null
      this.index = null
      this.loading = null
      this.onmessage = null
      this.onerror = null
      waiting.push(this)
      if (started) this.start()
    }

    postMessage(message) {
      if (message && message.type === SETUP && !this.setup) this.setup = message
      else this.queue.push(message)
      this.flush()
    }

    start() {
      if (!this.worker) {
        this.worker = new NativeWorker(this.url)
        this.worker.addEventListener("message", (event) => this.pass(new MessageEvent("message", { data: event.data })))
        this.worker.addEventListener("error", (event) => this.pass(event, "error"))
      }
      if (!this.index && !this.loading) {
        this.loading = loadIndex().then((index) => {
          this.index = index
          this.flush()
        }, () => { this.loading = null }) // tried again at the next use
      }
    }

    pass(event, type) {
      var copy = type === "error" ? new ErrorEvent("error", { message: event.message, error: event.error }) : event
      this.dispatchEvent(copy)
      var handler = type === "error" ? this.onerror : this.onmessage
      if (typeof handler === "function") handler.call(this, copy)
    }

    flush() {
      if (!this.worker || !this.index || !this.setup) return
      if (!this.sent) {
        var data = Object.assign({}, this.setup.data, this.index) // config, docs and the prebuilt index's pieces
        this.worker.postMessage({ type: SETUP, data: data })
        this.sent = true
      }
      while (this.queue.length) this.worker.postMessage(this.queue.shift())
    }

    terminate() {
      if (this.worker) this.worker.terminate()
    }
  }

  function isSearchWorker(url) {
    return /\/workers\/search\.[^/]*\.js$/.test(new URL(String(url), location.href).pathname)
  }

  function use() {
    started = true
    waiting.forEach(function (worker) { worker.start() })
  }

  if (NativeWorker) {
    window.Worker = function (url, options) {
      return isSearchWorker(url) ? new LazySearchWorker(url) : new NativeWorker(url, options)
    }
    var search = "[data-md-component=search], label[for=__search]"
    document.addEventListener("focusin", function (event) {
      if (event.target.closest && event.target.closest(search)) use()
    })
    document.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest(search)) use()
    })
    document.addEventListener("change", function (event) {
      if (event.target.id === "__search" && event.target.checked) use()
    })
  }

  /* ---- the date of access in "How to cite this page" ---- */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"]
  var today = new Date()
  var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
    String(today.getDate()).padStart(2, "0")
  var lang = document.documentElement.lang || "en"
  var long = lang === "en" // the record's own way ("1 December 2025"); other languages their own
    ? today.getDate() + " " + MONTHS[today.getMonth()] + " " + today.getFullYear()
    : new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" }).format(today)
  document.querySelectorAll("[data-access-date]").forEach(function (element) {
    element.textContent = element.getAttribute("data-access-date") === "iso" ? iso : long
  })
})()
