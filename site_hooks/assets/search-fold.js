/* Appended to Material's search worker by site_hooks/reader.py.
 * Folds accents (and, with lunr, case) on both sides of the search: words are
 * indexed without diacritics and queries are read without them, so "Lopez"
 * finds "López", "Jenca" finds "Jenča" and "Nicolás" finds "Nicolas". Only the
 * index tokens change; positions still point into the original text, so result
 * snippets keep the original spelling. */
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
})(self.lunr)
