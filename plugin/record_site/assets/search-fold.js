/* Appended to Material's search worker by the site plugin (material.py, for reader.py).
 * Folds accents (and, with lunr, case) on both sides of the search: words are
 * indexed without diacritics and queries are read without them, so "Lopez"
 * finds "López", "Jenca" finds "Jenča" and "Nicolás" finds "Nicolas". Only the
 * index tokens change; positions still point into the original text, so result
 * snippets keep the original spelling.
 *
 * Spanish stemming, on the query side. Material makes every word of a query a prefix
 * ("ataque" is searched as ataque*), and lunr runs no pipeline, so no stemmer, on a
 * prefix; a stemmed index would then miss words ("padrino*" never matches the stem
 * "padrin"). So the index keeps the words as written, and where lunr's Spanish stemmer
 * is loaded (the Spanish index asks for it: the site plugin's reader.py) each query word is cut
 * to its stem before it becomes a prefix: "muertos" is searched as muert*, which finds
 * muerto, muertos and muerte; "ataques" finds ataque. A stem that is not the start of its
 * word ("violencia" -> "violent"), or is shorter than four letters, is not used. Accents
 * are folded first, so the stemmer sees the query as the index holds it. */
(function (lunr) {
  "use strict"
  if (!lunr || lunr.__accentsFolded) return
  lunr.__accentsFolded = true

  var combiningMarks = /[\u0300-\u036f]/g
  function fold(text) {
    return String(text).normalize("NFD").replace(combiningMarks, "")
  }

  /* Index side: every token Material's tokenizer makes goes through lunr.Token. */
  var Token = lunr.Token
  function FoldedToken(str, metadata) {
    return new Token(fold(str), metadata)
  }
  FoldedToken.prototype = Token.prototype
  lunr.Token = FoldedToken

  /* Query side: every query, Material's own analysis and lunr's search alike,
   * is parsed by lunr.QueryParser (wildcard terms skip the pipeline, so the
   * folding has to happen here, before parsing). */
  var Parser = lunr.QueryParser
  function FoldingParser(str, query) {
    Parser.call(this, fold(str), query)
  }
  FoldingParser.prototype = Parser.prototype
  Object.keys(Parser).forEach(function (key) { FoldingParser[key] = Parser[key] })
  lunr.QueryParser = FoldingParser

  /* Spanish: a prefix term (word*) becomes its stem's prefix (stem*). */
  var MIN_STEM = 4
  var plainPrefix = /^([^*:^~+\-]+)\*$/
  var clause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (options) {
    var stemmer = lunr.es && lunr.es.stemmer
    var match = stemmer && options && typeof options.term === "string" && plainPrefix.exec(options.term)
    if (match) {
      var word = match[1]
      var stem = String(stemmer(word))
      if (stem.length >= MIN_STEM && stem.length < word.length && word.indexOf(stem) === 0) {
        options.term = stem + "*"
      }
    }
    return clause.call(this, options)
  }
})(self.lunr)
