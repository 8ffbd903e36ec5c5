// The search, on Pagefind's index (gdep_site/search.py). Loaded by the search dialog
// (overrides/partials/search-dialog.html) when a reader opens it, never before. Pagefind picks
// the index of the page's <html lang>, so a Chinese page finds Chinese pages only.
//
// Everything shown comes from the site's own pages, yet it is put in the page as text: the
// only markup kept from Pagefind is its <mark> around the words found.

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
  const empty = dialog.querySelector(".gdep-search__empty");
  // The Traditional pages are indexed one Han character at a time (gdep_site/search.py).
  const byCharacter = (dialog.dataset.byCharacter || "").split(" ").includes(document.documentElement.lang);
  // A query in the other Chinese script is read in this site's (學院 on the Simplified site is 学院):
  // the characters of each are listed with the index (gdep_site/engine/search.py, write_scripts).
  const folds = fetch(new URL("pagefind/gdep-scripts.json", root)).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
  pagefind.init();  // the language's index and the search code, while the reader types
  const fold = (await folds)[document.documentElement.lang] || {};

  let latest = 0;
  async function search() {
    const typed = input.value.trim();
    const query = Array.from(typed, (character) => fold[character] || character).join("");
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = hint;
      empty.hidden = true;
      dialog.dataset.searched = "";
      return;
    }
    const found = await pagefind.debouncedSearch(byCharacter ? characterQuery(query) : query, {}, 120);
    if (found === null || ticket !== latest) return;  // the reader has typed on
    if (byCharacter) await rankAsWords(pagefind, found, query);
    const { pages, all } = await confirmed(found.results, query);
    if (ticket !== latest) return;
    list.replaceChildren(...pages.map((page) => resultItem(byCharacter ? joined(page) : page)));
    status.textContent = count(dialog.dataset, pages.length, typed, all);
    empty.hidden = pages.length > 0;  // nothing found: where to ask, and the main sections
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
const HAN_PAIR = new RegExp(`(${HAN})(?=${HAN})`, "gu");
// A space between two Han characters, and the marks around them: what indexing by character added.
const ADDED_SPACE = new RegExp(`(${HAN})((?:</?mark>)*) ((?:</?mark>)*)(?=${HAN})`, "gu");

export function characterQuery(query) {
  // 學院 → "學 院": each character is a word of the index; as a phrase, they must follow each other.
  // Words typed apart, or with punctuation between them (尼爾森·馬爾伯勒), are looked for each
  // character on its own (a phrase cannot reach across the punctuation, which the index keeps).
  const spaced = query.replace(HAN_PAIR, "$1 ");
  return spaced !== query && !/[\s\p{P}]/u.test(query) ? `"${spaced}"` : spaced;
}

async function rankAsWords(pagefind, found, query) {
  // A phrase search finds the pages with the characters in a row, but Pagefind leaves such results
  // unranked: rank them as the same characters looked for one by one are (title, headings, how
  // often, how long the page), so that 尼爾森 finds its partner's page first, not the longest page.
  const ranked = await pagefind.search(query.replace(HAN_PAIR, "$1 "));
  const place = new Map((ranked?.results || []).map((result, index) => [result.id, index]));
  found.results.sort((a, b) => (place.get(a.id) ?? place.size) - (place.get(b.id) ?? place.size));
}

async function confirmed(results, query) {
  // The pages that hold what was asked, and whether every result was read (the count is exact).
  const words = queryWords(query);
  const pages = [];
  let read = 0;
  for (; read < results.length && read < CHECKED && pages.length < MAX_RESULTS; read += 5) {
    const batch = await Promise.all(results.slice(read, Math.min(read + 5, results.length)).map((r) => r.data()));
    pages.push(...batch.filter((page) => holds(page.content, words)));
  }
  return { pages: pages.slice(0, MAX_RESULTS), all: read >= results.length && pages.length <= MAX_RESULTS };
}

const WORD = /[\p{L}\p{N}]+/gu;
const HAN_RUN = new RegExp(`${HAN}+`, "gu");

export function queryWords(query) {
  // What must be on a page: each run of Chinese characters as it was typed (a phrase, never its
  // single characters), and each other word (matched whole, or by its stem).
  const text = query.toLowerCase();
  return { phrases: text.match(HAN_RUN) || [], words: (text.replace(HAN_RUN, " ").match(WORD) || []).map(stem) };
}

export function holds(content, { phrases, words }) {
  const text = content.toLowerCase().replace(new RegExp(`(${HAN})\\s+(?=${HAN})`, "gu"), "$1");
  const own = new Set((text.replace(HAN_RUN, " ").match(WORD) || []).map(stem));
  return phrases.every((phrase) => text.includes(phrase)) && words.every((word) => own.has(word));
}

export function stem(word) {
  // Enough of English to let "programmes" find "programme" and "applying" find "apply", never a
  // short part of a longer word.
  if (word.length < 4 || /\P{Script=Latin}/u.test(word)) return word;
  return word.replace(/'s$/, "").replace(/ies$/, "y").replace(/(ss|[^s])es$/, "$1e").replace(/([^s])s$/, "$1")
    .replace(/(..)ing$/, "$1").replace(/(..)ed$/, "$1").replace(/e$/, "");
}

function withoutAddedSpaces(html) {
  return html.replace(ADDED_SPACE, "$1$2$3").replace(/<\/mark><mark>/g, "");
}

export function joined(page) {
  // The page's title and excerpt as written, without the spaces indexing put between characters
  // (a word found is one mark again, not one mark per character).
  const title = withoutAddedSpaces(page.meta.title || "");
  return { ...page, meta: { ...page.meta, title }, excerpt: withoutAddedSpaces(page.excerpt) };
}

function count(strings, n, query, all) {
  if (n === 0) return strings.none.replace("{query}", query);
  if (!all) return strings.some.replace("{count}", String(n));  // the first pages read are shown
  return n === 1 ? strings.one : strings.other.replace("{count}", String(n));
}

export function resultItem(page) {
  const title = element("div", "gdep-search__title", textOf(page.meta.title || page.url));
  const excerpt = element("p", "gdep-search__excerpt", ...marked(page.excerpt));
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

function parsed(html) {
  // An inert document: nothing in it runs or loads.
  return new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
}

function textOf(html) {
  return parsed(html).textContent;
}

function marked(html) {
  return Array.from(parsed(html).childNodes, (node) =>
    node.nodeName === "MARK" ? element("mark", null, node.textContent) : document.createTextNode(node.textContent));
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
