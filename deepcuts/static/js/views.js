/* Counts one reading of an article per browser.
 *
 * The article page may come from a shared cache, so the server cannot count readings while
 * serving it; this script reports the reading instead, once per article: localStorage remembers
 * which articles this browser has counted. Without localStorage (blocked by the reader) every
 * visit counts, which is better than counting none.
 *
 * The request carries no cookies and keeps none (credentials: "omit"): the count needs no
 * session, and a cookie set by the answer would make the reader's next pages miss the cache.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-endpoint");
  var article = script && script.getAttribute("data-article");
  if (!endpoint || !article || !window.fetch) return;

  var KEY = "deepcuts:viewed";
  var REMEMBERED = 500; // the oldest are forgotten first; a reader rarely returns to them

  function counted() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return null; // storage blocked or unreadable
    }
  }

  function remember(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list.concat([article]).slice(-REMEMBERED)));
    } catch (error) {
      /* storage full or blocked: the next visit counts again */
    }
  }

  var before = counted();
  if (before && before.indexOf(article) !== -1) return;
  fetch(endpoint, {method: "POST", credentials: "omit", keepalive: true})
    .then(function (response) {
      if (response.ok && before) remember(counted() || before);
    })
    .catch(function () { /* offline: the next visit tries again */ });
})();
