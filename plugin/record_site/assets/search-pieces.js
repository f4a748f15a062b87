/* Put before Material's search worker by the site plugin (material.py, for search_pieces.py):
 * the worker answers from the index prebuilt at build time, loading its pieces as queries
 * need them, instead of building lunr's index from every document's text at start-up.
 *
 * Material's worker is left to do all it did (its query parsing, scoring by lunr, boosts,
 * highlighting, grouping, suggestions); three things change under it:
 * 1. The SETUP message carries the documents in a compact form (each [location, title, text,
 *    boost?], a location [#anchor] being on the page before it) and `pieces` (the first term
 *    of each piece, where they are, and whether to load them as scripts: the offline copy).
 *    The documents are given to Material's worker in its own form.
 * 2. lunr.Builder, while that SETUP is handled, adds no document's words (it notes where
 *    Material's position table for each field lives) and builds an index with no terms.
 * 3. Every message is handled in order (a query followed by a newer one, typed over, is
 *    skipped). A query whose terms lie in pieces not yet loaded is
 *    answered by Material with nothing, which is not passed on: the pieces are loaded (fetch,
 *    or importScripts from file://), their terms turned into lunr's postings and field vectors
 *    (lunr's own scoring formula, with the builder's k1, b = 0, field and document boosts),
 *    and the query handled again. Once a query's results are known, their word positions
 *    (which Material's highlighting reads) are worked out by Material's own tokenizer over the
 *    documents' text, filling the position tables it would have filled at start-up.
 */
(function () {
  "use strict"
  var SETUP = 0
  var QUERY = 2
  var listeners = [] // Material's message handler, called from here
  var addListener = self.addEventListener
  var post = self.postMessage
  var answer = null // where Material's next reply goes, while a message is being handled here
  var queue = Promise.resolve()
  var state = null // the prebuilt index of this worker's language

  self.addEventListener = function (type, listener) {
    if (type === "message") listeners.push(listener)
    else return addListener.apply(self, arguments)
  }
  self.postMessage = function (message) {
    if (answer) {
      var to = answer
      answer = null
      to(message)
    } else {
      post.call(self, message)
    }
  }
  var queries = 0 // queries received: one that a newer query follows in the queue is not answered
  addListener.call(self, "message", function (event) {
    var message = event.data
    var number = message && message.type === QUERY ? ++queries : 0
    queue = queue.then(function () {
      if (number && number < queries) return // typed over: Material shows the newer query's results
      return handle(message, 0)
    }).catch(function (error) { console.warn(error) })
  })

  function dispatch(message) {
    return new Promise(function (resolve) {
      answer = resolve
      listeners.forEach(function (listener) { listener({ data: message }) })
    })
  }

  function handle(message, tries) {
    if (message && message.type === SETUP && tries === 0) message = setup(message)
    if (state) state.needed = {}
    return dispatch(message).then(function (reply) {
      var needed = state ? Object.keys(state.needed) : []
      if (!needed.length || tries > 3) return post.call(self, reply)
      return Promise.all(needed.map(load)).then(function () {
        return handle(message, tries + 1)
      }, function (error) { // a piece that cannot load (a dropped connection): this answer, tried again next time
        console.warn(error)
        post.call(self, reply)
      })
    })
  }

  /* ---- start-up ---- */

  function setup(message) {
    var data = message.data
    if (!data || !data.pieces) { // an index as Material writes it: Material builds it
      state = null
      return message
    }
    state = {
      firsts: data.pieces.firsts, base: data.pieces.base, script: !!data.pieces.script,
      loaded: {}, terms: [], needed: null, docs: null, fields: null, index: null,
    }
    patchLunr(self.lunr)
    var docs = expand(data.docs)
    return { type: SETUP, data: Object.assign({}, data, { docs: docs }) }
  }

  function expand(compact) {
    var page = ""
    return compact.map(function (d) {
      var location = typeof d[0] === "string" ? d[0] : page + d[0][0]
      page = location.split("#")[0]
      var doc = { location: location, title: d[1], text: d[2] }
      if (d.length > 3) doc.boost = d[3]
      return doc
    })
  }

  var patched = false
  function patchLunr(lunr) {
    if (patched) return
    patched = true
    var add = lunr.Builder.prototype.add
    var build = lunr.Builder.prototype.build
    lunr.Builder.prototype.add = function (doc, attributes) {
      if (!state || state.index) return add.call(this, doc, attributes)
      var ref = doc[this._ref]
      var entry = { ref: ref, doc: doc, boost: (attributes && attributes.boost) || 1, tables: {}, terms: {} }
      this._documents[ref] = attributes || {}
      this.documentCount += 1
      for (var name in this._fields) {
        var extractor = this._fields[name].extractor
        var before = lunr.tokenizer.table
        var value = extractor ? extractor(doc) : doc[name]
        entry.tables[name] = lunr.tokenizer.table !== before ? lunr.tokenizer.table : null
        entry.terms[name] = value === undefined ? false : null // null: not yet tokenised
      }
      (this.__entries || (this.__entries = [])).push(entry)
    }
    lunr.Builder.prototype.build = function () {
      if (!state || state.index) return build.call(this)
      if (this._b !== 0) throw new Error("the prebuilt search index needs lunr's b = 0, as Material 9.8 sets it")
      var fields = Object.keys(this._fields)
      var vectors = {}
      var entries = this.__entries || []
      entries.forEach(function (entry) {
        fields.forEach(function (field) { vectors[field + "/" + entry.ref] = new lunr.Vector() })
      })
      var index = new lunr.Index({
        invertedIndex: Object.create(null), fieldVectors: vectors, tokenSet: lunr.TokenSet.fromArray([]),
        fields: fields, pipeline: this.searchPipeline,
      })
      state.index = index
      state.docs = entries
      state.byRef = {}
      entries.forEach(function (entry) { state.byRef[entry.ref] = entry })
      state.fields = fields
      state.boosts = fields.map(function (field) { return this._fields[field].boost || 1 }, this)
      state.k1 = this._k1
      state.tokenizer = this.tokenizer
      state.pipeline = this.pipeline
      state.count = this.documentCount
      index.query = query
      return index
    }
  }

  /* ---- a query ---- */

  function query(fn) {
    var lunr = self.lunr
    var q = new lunr.Query(this.fields)
    fn.call(q, q)
    var missing = false
    q.clauses.forEach(function (clause) {
      var terms = clause.usePipeline ? this.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
      terms.forEach(function (term) {
        piecesFor(term, clause).forEach(function (n) {
          if (!state.loaded[n]) {
            state.needed[n] = true
            missing = true
          }
        })
      })
    }, this)
    if (missing) return [] // answered again once the pieces are in
    var results = lunr.Index.prototype.query.call(this, fn)
    results.forEach(positions)
    return results
  }

  /* The pieces that hold every term `term` can expand to in `clause` (all of them for a
   * leading wildcard, a wildcard inside the term or an edit distance). */
  function piecesFor(term, clause) {
    var firsts = state.firsts
    term = term.replace(/\*$/, "") // a trailing wildcard: every term that starts so
    if (clause.editDistance || term.indexOf("*") >= 0) return firsts.map(function (_, n) { return n })
    var low = 0
    var high = firsts.length - 1
    while (low < high) { // the last piece whose first term is <= term
      var middle = (low + high + 1) >> 1
      if (firsts[middle] <= term) low = middle
      else high = middle - 1
    }
    var found = firsts.length ? [low] : []
    for (var n = low + 1; n < firsts.length && firsts[n].slice(0, term.length) === term; n++) found.push(n)
    return found
  }

  function load(n) {
    var url = new URL("pieces/" + n + (state.script ? ".js" : ".json"), state.base).href
    var loaded
    if (state.script) {
      loaded = Promise.resolve(importScripts(url)).then(function () {
        var piece = self.__search_pieces && self.__search_pieces[n]
        if (!piece) throw new Error("search piece " + n + " did not load")
        return piece
      })
    } else {
      loaded = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("search piece " + n + ": HTTP " + response.status)
        return response.json()
      })
    }
    return loaded.then(function (piece) {
      if (!state.loaded[n]) add(piece)
      state.loaded[n] = true
    })
  }

  /* A piece's terms as lunr's builder would have left them: postings, field vectors, token set. */
  function add(piece) {
    var lunr = self.lunr
    var index = state.index
    var fields = state.fields
    var k1 = state.k1
    Object.keys(piece).forEach(function (term) {
      var data = piece[term]
      var posting = Object.create(null)
      posting._index = data[0]
      var documents = 0
      fields.forEach(function (field, f) {
        posting[field] = Object.create(null)
        documents += (data[f + 1] || []).length / 2
      })
      var x = (state.count - documents + 0.5) / (documents + 0.5) // lunr.idf
      var idf = Math.log(1 + Math.abs(x))
      fields.forEach(function (field, f) {
        var flat = data[f + 1] || []
        var number = 0
        for (var i = 0; i < flat.length; i += 2) {
          number += flat[i]
          var entry = state.docs[number]
          var tf = flat[i + 1]
          posting[field][entry.ref] = { position: [] }
          // lunr.Builder's createFieldVectors, with b = 0
          var score = idf * ((k1 + 1) * tf) / (k1 * (1 - 0 + 0) + tf)
          score *= state.boosts[f]
          score *= entry.boost
          index.fieldVectors[field + "/" + entry.ref].upsert(data[0], Math.round(score * 1000) / 1000,
            function (a, b) { return b })
        }
      })
      index.invertedIndex[term] = posting
      state.terms.push(term)
    })
    state.terms.sort()
    index.tokenSet = lunr.TokenSet.fromArray(state.terms)
  }

  /* Where each matched term lies in a result's fields, as lunr would have stored it. */
  function positions(result) {
    var entry = state.byRef[result.ref]
    var metadata = result.matchData.metadata
    Object.keys(metadata).forEach(function (term) {
      Object.keys(metadata[term]).forEach(function (field) {
        metadata[term][field].position = (tokenised(entry, field)[term] || []).slice()
      })
    })
  }

  function tokenised(entry, field) {
    var lunr = self.lunr
    if (entry.terms[field]) return entry.terms[field]
    var found = Object.create(null)
    if (entry.terms[field] === null) {
      var table = entry.tables[field]
      var saved = lunr.tokenizer.table
      lunr.tokenizer.table = table || []
      var tokens = state.tokenizer(entry.doc[field], { fields: [field] })
      lunr.tokenizer.table = saved
      state.pipeline.run(tokens).forEach(function (token) {
        var key = token.toString();
        (found[key] || (found[key] = [])).push(token.metadata.position)
      })
    }
    entry.terms[field] = found
    return found
  }

  /* The offline copy's pieces are scripts that hand their data here. */
  self.__search_pieces = {}
  self.__search_piece = function (n, piece) { self.__search_pieces[n] = piece }
})()
