// The search, on Pagefind's index (jiaoliu/engine/search.py). Loaded by the search dialog
// (overrides/partials/search-dialog.html) when a reader opens it, never before. Pagefind picks
// the index of the page's <html lang>, so a Chinese page finds Chinese pages only.
//
// Everything shown comes from the site's own pages, yet it is put in the page as text, and the
// excerpts are our own: a stretch of the page's text with what was asked marked.

const MAX_RESULTS = 10;
// Pagefind also returns pages that hold only a part of what was asked ("in" for "insurance", 学 for
// 学费): each result's page is read, in Pagefind's order, and kept only if it holds the words asked
// for, until MAX_RESULTS are kept or CHECKED pages were read.
const CHECKED = 20;

export async function start(dialog, root) {
  const input = dialog.querySelector("input");
  const form = dialog.querySelector("form");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  const hint = status.textContent;
  const empty = dialog.querySelector(".jiaoliu-search__empty");
  const suggestion = dialog.querySelector(".jiaoliu-search__suggest");
  const lang = document.documentElement.lang;
  // How this language reads a query (jiaoliu/engine/search.py, write_tables): the characters a
  // Chinese query is folded to (both Chinese sites are indexed in Simplified) and the words readers
  // type for the site's (Macau → Macao).
  const tables = fetch(new URL("pagefind/jiaoliu-search.json", root)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname });
  pagefind.init();  // the language's index and the search code, while the reader types
  const table = (await tables)[lang] || {};
  const reader = readerOf(table);
  // A Traditional page's index holds its text folded to Simplified: its own text is beside it.
  const texts = table.texts ? { folder: new URL(`pagefind/${table.texts}/`, root), root: root.pathname } : null;
  let vocabulary = null;  // the site's longer words, read the first time nothing is found
  const siteWords = () => (vocabulary ??= fetch(new URL(`pagefind/jiaoliu-vocabulary-${lang}.json`, root))
    .then((r) => (r.ok ? r.json() : [])).catch(() => []));

  let latest = 0;
  async function search() {
    const typed = input.value.trim();
    const query = reader(typed);
    const ticket = ++latest;
    suggestion.hidden = true;
    if (!query) {
      list.replaceChildren();
      status.textContent = hint;
      empty.hidden = true;
      dialog.dataset.searched = "";
      return;
    }
    const found = await pagefind.debouncedSearch(query, {}, 120);
    if (found === null || ticket !== latest) return;  // the reader has typed on
    let { pages, all } = await confirmed(found.results, queryWords(query), reader.fold, texts);
    if (!pages.length && HAN_PAIR.test(query)) {
      // Pagefind splits a page's text into words its own way (森美兰州 as 森美 and 兰州) and finds
      // a word by its beginning: a name across its words is looked for again among the pages with
      // a word that begins with its rarest character, and kept where it is whole.
      ({ pages, all } = await confirmed(await rarestCharacter(pagefind, query), queryWords(query), reader.fold, texts));
    }
    if (ticket !== latest) return;
    list.replaceChildren(...pages.map(resultItem));
    status.textContent = count(dialog.dataset, pages.length, typed, all);
    empty.hidden = pages.length > 0;  // nothing found: where to ask, and the main sections
    if (!pages.length) {
      const finds = async (better) => (await confirmed((await pagefind.search(reader(better))).results,
                                                       queryWords(reader(better)), reader.fold, texts)).pages.length > 0;
      await offer(typed, siteWords, suggestion, finds, () => ticket === latest,
                  (word) => { input.value = word; search(); });
    }
    if (ticket !== latest) return;
    dialog.dataset.searched = typed;  // what the results are for (the tests wait for it)
  }

  input.addEventListener("input", (event) => { if (!event.isComposing) search(); });
  input.addEventListener("compositionend", search);  // an input method commits its words
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => setTimeout(() => { search(); input.focus(); }));
  dialog.addEventListener("keydown", (event) => moveFocus(event, input, list));
  list.addEventListener("click", (event) => {
    // A result on this very page (only the anchor changes): close the dialog.
    if (event.target.closest("a")) document.getElementById("__search").checked = false;
  });
  search();  // whatever was typed while this was loading
}

const HAN = "\\p{Script=Han}";
const HAN_RUN = new RegExp(`${HAN}+`, "gu");
const HAN_PAIR = new RegExp(`${HAN}${HAN}`, "u");

const WORD = /[\p{L}\p{N}]+/gu;
const LATIN = /^[\p{Script=Latin}'-]+$/u;

async function rarestCharacter(pagefind, query) {
  const characters = [...new Set((query.match(HAN_RUN) || []).join(""))];
  const found = await Promise.all(characters.map((character) => pagefind.search(character)));
  const results = found.map((each) => each?.results || []).filter((each) => each.length);
  return results.sort((a, b) => a.length - b.length)[0] || [];
}

export function readerOf({ fold = {}, words = {} }) {
  // The query as the index reads it: each character folded (學 → 学, on both Chinese sites),
  // then each word readers type replaced by the site's (Macau → Macao; 纽西兰 → 新西兰), the longest first.
  // Accents are folded too (Jaen finds Jaén, as Pagefind does), a character for a character.
  const folded = (text) => Array.from(text, (c) => fold[c] || unaccented(c)).join("");
  const typed = Object.keys(words).sort((a, b) => b.length - a.length);
  const latin = typed.filter((word) => LATIN.test(word.replaceAll(" ", "")));
  const chinese = typed.filter((word) => !latin.includes(word));
  const pattern = (list, whole) => list.length
    ? new RegExp(whole ? `(?<![\\p{L}\\p{N}])(?:${list.map(escaped).join("|")})(?![\\p{L}\\p{N}])` : list.map(escaped).join("|"), "giu")
    : null;
  const latinWords = pattern(latin, true), chineseWords = pattern(chinese, false);
  const read = (text) => {
    let query = folded(text);
    if (latinWords) query = query.replace(latinWords, (word) => words[word.toLowerCase()]);
    if (chineseWords) query = query.replace(chineseWords, (word) => words[word]);
    return query;
  };
  read.fold = folded;
  return read;
}

function unaccented(character) {
  const base = character.normalize("NFD").replace(/\p{M}/gu, "");
  return base.length === character.length ? base : character;
}

function escaped(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function queryWords(query) {
  // What must be on a page: each run of Chinese characters (as a phrase, or as words of two
  // characters or more that together make it, never its single characters), and each other word
  // (whole, or by its stem).
  const text = query.toLowerCase();
  return { phrases: text.match(HAN_RUN) || [], words: (text.replace(HAN_RUN, " ").match(WORD) || []).map(stem) };
}

export function stem(word) {
  // Enough of English to let "programmes" find "programme" and "applying" find "apply", never a
  // short part of a longer word.
  if (word.length < 4 || /\P{Script=Latin}/u.test(word)) return word;
  return word.replace(/'s$/, "").replace(/ies$/, "y").replace(/(ss|[^s])es$/, "$1e").replace(/([^s])s$/, "$1")
    .replace(/(..)ing$/, "$1").replace(/(..)ed$/, "$1").replace(/e$/, "");
}

async function confirmed(results, terms, fold, texts) {
  // The pages that hold what was asked, with their excerpts, and whether every result was read
  // (the count is exact).
  const pages = [];
  let read = 0;
  for (; read < results.length && read < CHECKED && pages.length < MAX_RESULTS; read += 5) {
    const batch = await Promise.all(results.slice(read, Math.min(read + 5, results.length)).map((r) => pageOf(r, texts)));
    for (const page of batch) {
      const text = displayText(page);
      const found = matches(text, fold(text).toLowerCase(), terms);
      if (found) pages.push({ url: page.url, title: page.meta.title || page.url, excerpt: excerpt(text, found) });
    }
  }
  return { pages: pages.slice(0, MAX_RESULTS), all: read >= results.length && pages.length <= MAX_RESULTS };
}

async function pageOf(result, texts) {
  // Pagefind's data of a result; for a Traditional page, its own text too, at its address.
  const page = await result.data();
  if (texts) {
    const address = new URL(`${page.url.slice(texts.root.length)}text.json`, texts.folder);
    page.text = await fetch(address).then((r) => (r.ok ? r.json() : null)).catch(() => null);
  }
  return page;
}

export function displayText(page) {
  // The page's text as the reader sees it (a Traditional page's own `text`, not its index's).
  // Pagefind marks the words it split Chinese into (U+200B); it ends a block that has no
  // punctuation of its own with ". ", which a Chinese page writes 。.
  let text = (page.text || page.content).replace(/\u200b/g, "");
  const chinese = /^zh\b/.test(document.documentElement.lang);
  if (chinese) text = text.replace(new RegExp(`(${HAN}|[）」』\\d])\\.(?= |$)`, "gu"), "$1。");
  text = text.replace(/\s+/g, " ");
  // Chinese puts no space after its punctuation: Pagefind's between two blocks goes.
  return (chinese ? text.replace(/([。！？；：，、）」』]) /g, "$1") : text).trim();
}

export function matches(text, folded, { phrases, words }) {
  // Where each thing asked for is in the page ([start, end] pairs), or null if one is missing.
  // `folded`: the text folded as the query was, character for character (the same length).
  if (folded.length !== text.length) folded = text.toLowerCase();
  const found = [];
  for (const phrase of phrases) {
    const parts = phrase.length > 1 && !folded.includes(phrase) ? pieces(phrase, folded) : [phrase];
    if (!parts) return null;
    for (const part of parts) {
      const at = spans(folded, part);
      if (!at.length) return null;
      found.push(...at);
    }
  }
  if (words.length) {
    const own = new Map();
    for (const match of folded.replace(HAN_RUN, (run) => " ".repeat(run.length)).matchAll(WORD)) {
      const key = stem(match[0]);
      if (!own.has(key)) own.set(key, []);
      own.get(key).push([match.index, match.index + match[0].length]);
    }
    for (const word of words) {
      if (!own.has(word)) return null;
      found.push(...own.get(word));
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

function pieces(phrase, folded) {
  // The fewest words of two characters or more, each on the page, that make the phrase (香港学生:
  // 香港 and 学生), or null.
  const best = [[]];
  for (let end = 2; end <= phrase.length; end++) {
    for (let start = 0; start <= end - 2; start++) {
      const part = phrase.slice(start, end);
      if (best[start] && folded.includes(part) && (!best[end] || best[start].length + 1 < best[end].length)) {
        best[end] = [...best[start], part];
      }
    }
  }
  return best[phrase.length] || null;
}

function spans(text, part) {
  const at = [];
  for (let index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + part.length)) {
    at.push([index, index + part.length]);
  }
  return at;
}

const EXCERPT = 110;  // characters of an excerpt, about two lines on a phone in English, three in Chinese

export function excerpt(text, found) {
  // The stretch of the page with the most of what was asked, what was asked marked: [text, marked]
  // parts. `found` is in the page's order: a window slides over it, counting the different things in it.
  let best = found[0][0], most = 0;
  const inside = new Map();
  const add = (span, step) => {
    const key = text.slice(span[0], span[1]).toLowerCase();
    inside.set(key, (inside.get(key) || 0) + step);
    if (!inside.get(key)) inside.delete(key);
  };
  for (let first = 0, last = 0; first < found.length; add(found[first++], -1)) {
    // (at least the thing the window starts with, however long)
    for (; last < found.length && (last === first || found[last][1] <= found[first][0] + EXCERPT); last++) {
      add(found[last], 1);
    }
    if (inside.size > most) [best, most] = [found[first][0], inside.size];
  }
  let start = Math.max(0, best - 20);
  let end = Math.min(text.length, start + EXCERPT);
  if (start > 0) start = Math.max(text.lastIndexOf(" ", start) + 1, start - 12);  // not in the middle of a word
  const parts = [];
  let at = start;
  for (const [s, e] of found) {
    if (s < at || e > end) continue;
    parts.push([text.slice(at, s), false], [text.slice(s, e), true]);
    at = e;
  }
  parts.push([text.slice(at, end), false]);
  if (start > 0) parts.unshift(["…", false]);
  if (end < text.length) parts.push(["…", false]);
  return parts.filter(([part]) => part);
}

async function offer(typed, siteWords, suggestion, finds, current, run) {
  // Nothing found: a word typed with one letter wrong, if the site has the word (Malaysia for
  // Malaysai) and it finds a page.
  const words = typed.match(/[\p{Script=Latin}]+/gu) || [];
  if (!words.some((word) => word.length >= SHORTEST)) return;
  const vocabulary = await siteWords();
  const known = new Set(vocabulary.map((word) => word.toLowerCase()));
  let better = typed, changed = false;
  for (const word of words) {
    if (word.length < SHORTEST || known.has(word.toLowerCase())) continue;
    const near = vocabulary.find((candidate) => oneLetterApart(word.toLowerCase(), candidate.toLowerCase()));
    if (near) [better, changed] = [better.replace(word, near), true];
  }
  if (!changed || !(await finds(better)) || !current()) return;  // not if the reader has typed on
  const [before, after] = suggestion.dataset.text.split("{word}");
  const button = element("button", "jiaoliu-search__suggestion", better);
  button.type = "button";
  button.addEventListener("click", () => run(better));
  suggestion.replaceChildren(before, button, after);
  suggestion.hidden = false;
}

const SHORTEST = 5;  // letters: a shorter word has too many neighbours one letter away

export function oneLetterApart(a, b) {
  // One letter changed, added, left out, or two neighbours swapped.
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

function count(strings, n, query, all) {
  if (n === 0) return strings.none.replace("{query}", query);
  // In the plural form CLDR gives the page's language for n (data-found-one, data-found-other…);
  // "first" when only the first pages read are shown.
  const category = new Intl.PluralRules(document.documentElement.lang).select(n);
  const forms = all ? "found" : "first";
  const text = strings[forms + category[0].toUpperCase() + category.slice(1)] ?? strings[forms + "Other"];
  return text.replace("{count}", String(n));
}

export function resultItem(page) {
  // Everything shown is put in the page as text; the marks are our own elements.
  const title = element("div", "jiaoliu-search__title", page.title);
  const excerpt = element("p", "jiaoliu-search__excerpt",
    ...page.excerpt.map(([text, marked]) => (marked ? element("mark", null, text) : text)));
  const article = element("article", "md-search-result__article", title, excerpt);
  const link = element("a", "md-search-result__link", article);
  link.href = page.url;
  return element("li", "md-search-result__item", link);
}

function element(name, className, ...children) {
  const node = document.createElement(name);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function moveFocus(event, input, list) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const stops = [input, ...list.querySelectorAll("a")];
  const here = stops.indexOf(document.activeElement);
  if (here < 0 || stops.length < 2) return;
  event.preventDefault();
  const next = event.key === "ArrowDown" ? Math.min(here + 1, stops.length - 1) : Math.max(here - 1, 0);
  stops[next].focus();
}
