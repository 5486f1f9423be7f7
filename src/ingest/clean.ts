/**
 * Cleaning of extracted article text: headline, byline, scraping debris, dateline, copyright and
 * reprint lines. Works line by line (lines split on `\n`; paragraphs are runs of non-blank lines),
 * so each kept line maps back to one contiguous range of the input.
 *
 * Debris rules are general patterns of blog/CMS templates (WordPress "Comments Off on …", relative
 * stamps "3 hours ago" followed by a lower-case user handle, share/print/e-mail rows, "Read more",
 * "Related:" …), with their counterparts in the other languages of the trafilatura benchmark (de, fr,
 * es, it, pl, nl: "Keine Kommentare", "Anzeige", "Beitragsbild", "Artikel teilen", "Inhaltsverzeichnis",
 * "Veröffentlicht am 3. Mai 2021", "Publikacja:" …). A line is removed only when the whole line fits
 * a pattern, so a real sentence ("Two days ago, police said …") stays.
 *
 * Dateline forms (AP Stylebook / Reuters style): `CITY --`, `CITY -`, `CITY —`, `CITY:`,
 * `CITY, Country (Agency) -`, `KYIV (Reuters) -`, `WASHINGTON, June 3 (AP) —`. A place in title case
 * ("Kyiv, Ukraine (Reuters) -") counts only with an agency in parentheses.
 */
import { findDates, relativeStamp, type FoundDate, type RelativeStamp } from './dates.js';

/** A kept range: `text[start,end)` came from `input[inStart, inStart + end - start)`. */
export interface CleanSegment {
  start: number;
  end: number;
  inStart: number;
}

/** Result of {@link cleanText}. */
export interface CleanResult {
  /** Cleaned body: paragraphs joined by `\n\n`, lines inside a paragraph by `\n`. */
  text: string;
  segments: CleanSegment[];
  /** Headline taken from the first line (plain text only). */
  title?: string;
  /** Byline from a "By …" line near the top, without "By". */
  byline?: string;
  /** Dateline place as printed ("DUSHANBE"). */
  dateline?: string;
  /** News agency named in the dateline's parentheses ("Reuters", "AP"). */
  datelineAgency?: string;
  /** A full date printed in the dateline ("KYIV, June 3, 2021 (Reuters) -"), ISO `YYYY-MM-DD`. */
  datelineDate?: string;
  copyrightLine?: string;
  copyrightYear?: number;
  /** Short name of the copyright holder ("RFE/RL" in "… RFE/RL, Inc. …"). */
  copyrightHolder?: string;
  /** Publisher named in a reprint notice ("Reprinted with the permission of X" → X). */
  reprintSource?: string;
  isReprint?: boolean;
  /** Lines removed as scraping debris (and the copyright line), as printed. */
  boilerplate: string[];
  /** URL from a `URL:` header line at the top of the input. */
  url?: string;
  /** First relative stamp ("1 month ago") seen in removed debris. */
  stamp?: RelativeStamp;
  /** Dates printed on removed stamp lines ("Published June 3, 2021"). */
  stampDates: FoundDate[];
}

/** Options of {@link cleanText}. */
export interface CleanOptions {
  /** Plain-text input: the first line may be the headline, a "By" line the byline. */
  plain?: boolean;
  /** Keep a dateline in the text (it is still reported in `dateline`); default false. */
  keepDateline?: boolean;
  /** Title already known from page metadata; a first paragraph equal to it is dropped. */
  title?: string;
}

interface Line {
  s: number; // start of trimmed content in input
  e: number; // end of trimmed content
  text: string;
  para: number;
  drop?: boolean;
  cut?: number; // characters removed at the start (dateline)
}

const MAX_DEBRIS_LEN = 240;
const RE_HEADER_URL = /^(?:URL|Source URL|Link|Canonical(?: URL)?)\s*:\s*(https?:\/\/\S+)$/i;

// --- debris ------------------------------------------------------------------------------
/** Month names (genitive forms too) of de, fr, es, it, pl, nl, en — for date-only lines. */
const MONTHS = [
  'januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember',
  'janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre',
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre',
  'stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia',
  'januari|februari|maart|mei|augustus',
  'january|february|march|june|july|october|december',
].join('|');
/**
 * Photo agencies and picture libraries named in credit lines ("Judy Eddy/WENN.com", "aja/PAP",
 * "© Rike/pixelio.de"): a short line naming one after a slash, "©" or "Foto:" is a credit.
 */
const RE_CREDIT_LINE = new RegExp(
  String.raw`^(?:\(?(?:foto|photo|bild|image|credit|fot\.|zdjęcie)s?\s*:\s*)?[^.!?]{0,60}(?:/|©|\(c\)|\bfoto:|\bphoto:)\s*[^.!?]{0,30}\b(?:dpa|afp|ap|reuters|pap|epa|getty(?: images)?|istock(?:photo)?|shutterstock|imago|picture[- ]alliance|keystone|ansa|efe|wenn(?:\.com)?|pixelio(?:\.de)?|unsplash|pixabay|adobe ?stock|fotolia|xinhua|kna|epd|apa|sda|anp|belga|tass|ddp|action press|bestimage|sipa|abaca)\b[^.!?]{0,30}\)?$`,
  'iu',
);
/** Parts of a "|"-separated metadata row ("Kommentarfeed | Kommentare geschlossen | Trackback-URL"). */
const RE_ROW_PART = /^(?:rss|kommentarfeed|comments? feed|trackback(?:-?url)?|permalink|drucken|print|e-?mail|teilen|share)$/i;
/** A prompt to subscribe, sign up or support the site (tested on the last paragraphs only). */
const RE_PROMPT_WORD =
  /\b(?:newsletter|sign(?:ing)? up|subscri(?:be|bing|ption)|abonnier|abonnement|anmelden|inscri(?:vez|re)|suscr[ií]b|iscriviti|subskrypcj|zapisz się|support(?:ing)? (?:us|our)|unterstütz|soutenez|spende|donate|bezahlschranke|paywall)/i;
/** Weaker prompt words (apps, channels, membership): they need an imperative, a "?"/"!" or "our"/"latest". */
const RE_PROMPT_WEAK = /\b(?:apps?\b|download|herunterladen|descarga|follow|folgen sie|síguenos|únete|telegram|whatsapp|youtube|canal de|miembro|mitglied|member(?:ship)?\b)/i;
const RE_PROMPT_STRONG_CUE =
  /[?!¡¿]|\b(?:latest|our|unsere[nmrs]?|nuestro|nuestra|notre|nos)\b|^(?:follow|download|get|join|sign|subscribe|support|folge|folgen|abonniere|abonnieren|unterstütze|síguenos|sigue|únete|suscríbete|hazte|descarga|inscris|abonnez|rejoignez|suivez)\b/i;
const RE_PROMPT_YOU =
  /\b(?:you|your|sie|ihr|ihre|du|dich|dir|dein|deine|vous|votre|tu|te|usted|zapraszamy|jetzt|now|today|here|hier|ici|aquí|qui)\b|[?!]/i;

const RE_STAMP_HEAD =
  /^(?:[a-z0-9_][a-z0-9_.-]{1,30}\s{0,3}[|·•]?\s{0,3})?(?:(?:posted|published|updated|last updated|added|edited)\s{0,3}:?\s{0,3})?(?:about\s|over\s|almost\s|nearly\s|just\s)?(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s{1,3}(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?|yrs?)\s{1,3}ago\b/i;
const RE_STAMP_TAIL =
  /(?:^|\s{0,3}[|·•–—-]\s{0,3}|\s{1,3})(?:comments? off on\b.*|leave a (?:comment|reply)\b.*|no comments?|\d{1,6} comments?|\d{1,7} views?|read more\b.*)$/i;
const RE_STAMP_REST = /^[\s|·•,–—-]*(?:by\s{1,3}[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}|[a-z0-9_][a-z0-9_.-]{1,30})?[\s|·•,–—-]*$/;
const RE_DEBRIS_LINE = new RegExp(
  '^(?:' +
    [
      String.raw`comments? off on\b.*`,
      String.raw`leave a (?:comment|reply)\b.{0,80}`,
      String.raw`(?:\d{1,6}|no|view|show|hide|add) comments?(?:\s*\(\d{1,6}\))?`,
      String.raw`comments?(?:\s*\(\d{1,6}\))?:?`,
      String.raw`(?:read more|continue reading|see also|also read|read also|full story|more on this story|you (?:may|might) also like|recommended(?: for you)?|most read|most popular)\b\s*(?:[:»›>…|-].{0,160}|\.{0,3}|[»›])`,
      String.raw`(?:lesen sie (?:hier|auch|mehr)|weiterlesen|mehr zum thema|auch interessant|czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|(?:à )?lire (?:aussi|également|la suite)|leggi anche|lea también|lees ook|leia também|veja também)\s*(?:[:»›>…|-].{0,160}|\.{0,3}|[»›!])`,
      String.raw`(?:le puede interesar|te puede interesar|lea (?:más|también|además)|lea|vea (?:también|además)|ver también|mira|mire|puedes ver|auch lesen|lies auch|siehe auch|schon gelesen|lesen sie auch(?: die folgenden beiträge)?)\s*[:?]\s*.{0,160}`,
      String.raw`(?:zum weiterlesen|weiterführende (?:links?|artikel|informationen)|weitere beiträge(?: zum thema| aus .{0,40})?|neueste artikel|mehr themen|entdecken sie (?:jetzt|mehr)|auch auf [\p{L}\d.-]{3,40})\s*:?`,
      // advertising and sponsorship notices
      String.raw`(?:\*?(?:werbung|anzeige)|advertising disclosure|disclosure|sponsored(?: post| content)?|publicidad|publicité)\s*[:.*–-]\s.{0,220}`,
      // a source line under a press release or a report
      String.raw`(?:quelle|quellen|source|sources|fuente|fuentes|fonte|źródło)\s*:.{0,120}`,
      // a caption that ends with its credit ("… Pune. | © Agency/Getty Images", "… escolar. Foto: Andina")
      String.raw`.{0,200}(?:\s|\|)(?:©|\(c\)|(?:foto|fotos|photo|photos|bild|bilder)\s?:)\s?[^.!?©]{2,60}`,
      String.raw`(?:vergrößern|bild vergrößern|enlarge image|agrandir l'image)\s.{0,220}`,
      // WordPress & co. post metadata rows
      String.raw`(?:this entry was posted|posted in\b|der beitrag wurde am|dieser (?:beitrag|eintrag) wurde (?:am|unter)|erstellt am|veröffentlicht am|ce billet a été publié|cette entrée a été publiée|esta entrada fue publicada|bookmark the permalink).{0,230}`,
      String.raw`(?:aufrufe|views|hits|zugriffe|kommentare insgesamt|comments total|leserkommentare)\s*:\s*\d.{0,160}`,
      String.raw`(?:du musst|sie müssen|you must be) (?:eingeloggt|angemeldet|logged in).{0,120}`,
      String.raw`(?:hier (?:können sie|kannst du) )?(?:den|diesen) (?:artikel|beitrag) bewerten|rate this (?:article|post|story)|(?:dieses skript |diesen artikel |den artikel )?(?:als )?pdf herunterladen|download (?:as )?pdf`,
      // figure captions printed as text ("Abbildung 4: …", "Fig. 2: …")
      String.raw`(?:abbildung|abb\.|grafik|figure|fig\.|grafico|gráfico|ilustracja|rycina)\s*\d{0,3}\s*:.{0,220}`,
      String.raw`related(?: (?:articles?|stories|posts?|news|coverage|content|links|reading|topics|videos?))?\s*(?::.{0,200})?`,
      String.raw`(?:advertisement|advertising|sponsored(?: content)?|loading\s?(?:\.{1,3}|…)?|like this:?)`,
      String.raw`(?:tags?|filed under|posted in|categories|category|topics|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|kategorien?|rubrik|catégories?|étiquettes|mots-clés|etiquetas|categorías?|tagi|kategoria|trefwoorden)\s*:.{0,200}`,
      String.raw`(?:photo|image|picture|video|graphic)s?\s*(?:credit)?\s*:.{0,150}`,
      String.raw`follow us on\b.{0,80}`,
      String.raw`(?:sign up|subscribe)\b.{0,80}\b(?:newsletter|updates|alerts)\b.{0,40}`,
      String.raw`(?:click|tap) (?:here )?to (?:share|print|email|subscribe|comment)\b.{0,100}`,
      // the same kinds in the other languages of the trafilatura benchmark (de, fr, es, it, pl, nl)
      String.raw`(?:keine|noch keine|\d{1,6}) kommentare?|kommentare? (?:geschlossen|deaktiviert|schreiben|verfassen|anzeigen|lesen)|kommentieren|comments? (?:are )?(?:closed|off|disabled)`,
      String.raw`(?:aucun|pas de|\d{1,6}) commentaires?|commentaires? (?:fermés|désactivés)|(?:sin|\d{1,6}) comentarios?|(?:brak|\d{1,6}) komentarzy|(?:nessun|\d{1,6}) commenti|(?:geen|\d{1,6}) reacties`,
      String.raw`(?:-\s?)?(?:anzeige|werbung|publicité|publicidad|pubblicità|reklama|advertentie)(?:\s?-)?:?`,
      String.raw`(?:foto|fotos|bild|bilder|bildquelle|titelbild|beitragsbild|headerbild|crédits? photos?|crédit|credits?|photo credit|image credit|fotografía|zdjęcie|fot\.)\s*(?::.{0,150})?`,
      String.raw`\(?(?:noch )?keine bewertung(?:en)?\)?|\(?no ratings? yet\)?|(?:war|ist) (?:der|dieser|die|diese) (?:artikel|beitrag|seite|information) (?:nützlich|hilfreich)\??|was this (?:article|page|post|information) (?:helpful|useful)\??`,
      String.raw`(?:möchten sie|willst du|jetzt) (?:den|diesen|die|diese) (?:artikel|beitrag|seite) teilen\??|(?:artikel|beitrag|seite) (?:teilen|drucken|merken|versenden)`,
      String.raw`(?:inhaltsverzeichnis|table of contents|sommaire|índice|spis treści|inhoudsopgave)`,
      String.raw`(?:lade weitere inhalte|weitere inhalte laden|mehr laden|load more|show more|afficher plus|cargar más|zurück|nach oben|back to top|zurück nach oben|retour en haut)`,
      String.raw`(?:related|more|weitere|ähnliche) (?:links?|articles?|artikel|beiträge)\s*:?`,
      String.raw`(?:stand|veröffentlicht|erstellt|aktualisiert|publiziert|zuletzt aktualisiert|geändert|publié|mis à jour|publicado|actualizado|publikacja|opublikowano|aktualizacja|pubblicato|aggiornato)(?: am| le| el| il| on| op)?(?=[\s:]|$)[^\n]{0,45}\d[^\n]{0,20}|(?:publikacja|opublikowano|veröffentlichung|aktualizacja|publication|published|updated)\s*:?`,
      // a date alone on its line, in the other languages of the benchmark ("Dienstag, 6. Mai 2014, 23:30")
      String.raw`(?:\p{L}{2,12},?\s)?\d{1,2}\.?\s?(?:de\s)?(?:${MONTHS})(?:\sde)?\s\d{4}(?:,?\s(?:um\s|à\s|alle\s|o\s)?\d{1,2}[:.h]\d{2}(?:\s?uhr|\s?h)?)?`,
    ].join('|') +
    ')$',
  'iu',
);
/** Words of share/print/e-mail rows ("Share this:", "Print", "Tweet", "Share on Facebook"). */
const SHARE_WORDS = new Set(
  ('share shares shared this article story page print email e-mail mail tweet facebook twitter x linkedin whatsapp ' +
    'reddit pinterest telegram pocket tumblr messenger sms copy link url on via to save like it click opens in new ' +
    'window the a friend send flipboard bluesky threads teilen drucken versenden senden merken twittern artikel beitrag ' +
    'seite partager imprimer envoyer compartir imprimir enviar condividi stampa invia udostępnij drukuj wyślij delen ' +
    'afdrukken').split(' '),
);
const SHARE_CORE = new Set(
  ('share print email e-mail tweet facebook twitter linkedin whatsapp reddit pinterest telegram mail flipboard bluesky ' +
    'teilen drucken twittern partager imprimer compartir imprimir condividi stampa udostępnij drukuj delen').split(' '),
);
const RE_SHARE_SPLIT = /[\s|·•,:/()!.…-]+/;

// --- dates printed on their own line ---------------------------------------------------------
/** Words allowed beside a date on a stamp line ("Published: Monday, June 3, 2021 10:19 GMT | Updated …"). */
const DATE_LINE_WORDS = new Set(
  ('published posted updated last modified first on at am pm a.m p.m gmt utc bst est edt cet cest ist pst pdt cst cdt ' +
    'msk eet eest jst aest z monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs ' +
    'fri sat sun date time').split(' '),
);
const RE_DATE_LINE_SPLIT = /[\s|,·•:–—()]+/;

// --- byline --------------------------------------------------------------------------------
const NAME = String.raw`[A-Z][\p{L}.'’-]*(?:\s[A-Z][\p{L}.'’-]*){0,3}`;
const RE_BYLINE = new RegExp(String.raw`^(?:By|BY|by)\s{1,3}(${NAME}(?:\s{0,2}(?:,|and|&)\s{1,2}${NAME}){0,4})\s*$`, 'u');

// --- dateline ------------------------------------------------------------------------------
const RE_DATELINE = new RegExp(
  String.raw`^(?:([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})|([A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*){0,3}))` +
    String.raw`((?:, ?[\p{L}\p{N}.'’ ]{1,30}){0,2}) ?(?:\(([^()\n]{1,40})\))? ?(--|[-—–:])\s+(?=\S)`,
  'u',
);
const NOT_PLACES = new Set(
  'UPDATE UPDATED BREAKING EXCLUSIVE ANALYSIS OPINION WATCH PHOTOS PHOTO VIDEO EDITORIAL EDITOR NOTE COMMENT FACTBOX FACT CHECK LIVE CORRECTION REVIEW INTERVIEW EXPLAINER Q&A FEATURE URGENT FLASH ALERT NEWS'.split(' '),
);

// --- copyright / reprint -----------------------------------------------------------------------
const RE_COPYRIGHT_START =
  /^(?:copyright\b|\(c\)\s|©|all rights reserved\b|this (?:story|article|report|piece|post|content) (?:was |is |has been |first |originally )*(?:published|republished|reprinted|appeared|syndicated)\b|(?:originally|first) (?:published|appeared)\b|reprinted\b|republished\b|used with permission\b|distributed by\b)/i;
const RE_ALL_RIGHTS =
  /\ball rights reserved\b|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|wszelkie prawa zastrzeżone|materiał chroniony prawem autorskim|alle rechten voorbehouden|\bcc[- ]by(?:-[a-z]{2,4})*\b|creative commons/i;
const RE_REPRINT = /\b(?:reprinted|republished|re-published|originally (?:published|appeared)|first (?:published|appeared)|used with permission|syndicated)\b/i;
const RE_COPY_PREFIX = /^(?:(?:copyright|\(c\)|©)\s*(?:by\s+)?)+/i;
const RE_COPY_YEARS = /^((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?[.,]?\s*(?:(?:copyright|\(c\)|©)\s*)?/i;
const RE_HOLDER =
  /^(.{2,80}?)(?:,?\s+(?:Inc|Ltd|LLC|L\.L\.C|Corp|Co|GmbH|plc|PLC|AG|S\.A|Limited)\b\.?|(?<![A-Z])\.(?=\s|$)|\s+[Aa]ll [Rr]ights [Rr]eserved|\s*[;|]|$)/;
const RE_REPRINT_SOURCE =
  /\b(?:originally (?:published|appeared)|first (?:published|appeared)|reprinted|republished|used|published)\s+(?:here\s+)?(?:with (?:the )?(?:kind )?permission\s+)?(?:by|from|in|on|at|of)\s+(?:the permission of\s+)?([^,.;()]{2,80}?)(?:\s*[,.;(]|\s+(?:and|under|with)\b|$)/i;

/**
 * Clean extracted article text (see the module doc).
 * @param input extracted text (`\n` line ends)
 */
export function cleanText(input: string, opts: CleanOptions = {}): CleanResult {
  const res: CleanResult = { text: '', segments: [], boilerplate: [], stampDates: [] };
  const lines = splitLines(input);
  if (lines.length === 0) return res;
  let i = 0;
  // Header lines ("URL: https://…") at the very top.
  while (i < lines.length) {
    const m = RE_HEADER_URL.exec(lines[i].text);
    if (!m) break;
    res.url ??= m[1];
    lines[i].drop = true;
    i++;
  }
  const body = (): Line[] => lines.filter((l) => !l.drop);

  // Debris lines anywhere (before the title test, so a stamp line under the headline goes too).
  for (const l of lines) {
    if (l.drop || l.text.length > MAX_DEBRIS_LEN) continue;
    if (isDebris(l.text, res)) {
      l.drop = true;
      res.boilerplate.push(l.text);
    }
  }

  // Headline: plain text's first line, alone in its paragraph, short, no final period.
  const rest = body();
  if (rest.length > 1) {
    const first = rest[0];
    const alone = rest[1].para !== first.para;
    if (opts.title && sameText(first.text, opts.title) && alone) {
      first.drop = true;
    } else if (opts.plain && alone && looksLikeHeadline(first.text)) {
      res.title = first.text;
      first.drop = true;
    }
  }

  // Byline near the top (plain text).
  if (opts.plain) {
    for (const l of body().slice(0, 3)) {
      const m = RE_BYLINE.exec(l.text);
      if (m && l.text.length < 120) {
        res.byline = m[1].trim();
        l.drop = true;
        break;
      }
    }
  }

  // Copyright / reprint lines: in the last three paragraphs, or anywhere when they start with ©/Copyright.
  const kept = body();
  const lastParas = new Set<number>();
  for (let k = kept.length - 1; k >= 0 && lastParas.size < 3; k--) lastParas.add(kept[k].para);
  for (const l of kept) {
    if (l.text.length > 400) continue;
    const starts = RE_COPYRIGHT_START.test(l.text);
    const near = lastParas.has(l.para);
    if (!((starts || RE_ALL_RIGHTS.test(l.text)) && (near || /^(?:copyright|©)/i.test(l.text)))) continue;
    l.drop = true;
    res.boilerplate.push(l.text);
    if (res.copyrightLine === undefined) parseCopyright(l.text, res);
    else if (RE_REPRINT.test(l.text)) {
      res.isReprint = true;
      res.reprintSource ??= RE_REPRINT_SOURCE.exec(l.text)?.[1]?.trim();
    }
  }

  // Prompts to subscribe or to support the site, in the last paragraphs: short lines addressing the
  // reader ("Never miss the latest news by signing up to our newsletter today!").
  for (const l of kept) {
    if (l.drop || !lastParas.has(l.para) || l.text.length > 200) continue;
    if ((RE_PROMPT_WORD.test(l.text) && RE_PROMPT_YOU.test(l.text)) || (RE_PROMPT_WEAK.test(l.text) && RE_PROMPT_STRONG_CUE.test(l.text))) {
      l.drop = true;
      res.boilerplate.push(l.text);
    }
  }

  // Dateline at the start of the first body line.
  const firstBody = body()[0];
  if (firstBody) {
    const d = matchDateline(firstBody.text);
    if (d) {
      res.dateline = d.place;
      if (d.agency) res.datelineAgency = d.agency;
      if (d.date) res.datelineDate = d.date;
      if (!opts.keepDateline) firstBody.cut = d.length;
    }
  }

  // Assemble.
  let text = '';
  let prevPara = -1;
  for (const l of lines) {
    if (l.drop) continue;
    const cut = l.cut ?? 0;
    const piece = l.text.slice(cut);
    if (!piece) continue;
    if (text) text += l.para === prevPara ? '\n' : '\n\n';
    res.segments.push({ start: text.length, end: text.length + piece.length, inStart: l.s + cut });
    text += piece;
    prevPara = l.para;
  }
  res.text = text;
  return res;
}

function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  let para = 0;
  let blank = true;
  let pos = 0;
  while (pos <= input.length) {
    let nl = input.indexOf('\n', pos);
    if (nl < 0) nl = input.length;
    let s = pos;
    let e = nl;
    while (s < e && isSpace(input.charCodeAt(s))) s++;
    while (e > s && isSpace(input.charCodeAt(e - 1))) e--;
    if (s === e) {
      if (!blank) para++;
      blank = true;
    } else {
      lines.push({ s, e, text: input.slice(s, e), para });
      blank = false;
    }
    pos = nl + 1;
  }
  return lines;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x200b || c === 0xfeff || c === 12 || c === 11;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

function looksLikeHeadline(t: string): boolean {
  if (t.length < 3 || t.length > 200) return false;
  if (/[.,;:]$/.test(t) && !/\.\.\.$|…$/.test(t)) return false;
  if (/^[-*•>#|]/.test(t) || /^\p{Ll}+ \p{Ll}/u.test(t)) return false;
  if (t.split(/\s+/).length > 25) return false;
  return !matchDateline(t + ' x');
}

/** Whole-line debris test; records a relative stamp or a printed date on `res`. */
function isDebris(t: string, res: CleanResult): boolean {
  const head = RE_STAMP_HEAD.exec(t);
  if (head) {
    const rest = t.slice(head[0].length).replace(RE_STAMP_TAIL, '');
    if (RE_STAMP_REST.test(rest)) {
      res.stamp ??= relativeStamp(t);
      return true;
    }
  }
  if (RE_DEBRIS_LINE.test(t)) return true;
  if (t.length <= 120 && isShareRow(t)) return true;
  if (t.length <= 130 && RE_CREDIT_LINE.test(t)) return true;
  if (t.includes('|') && t.length <= 200) {
    const parts = t.split('|').map((x) => x.trim()).filter(Boolean);
    if (parts.length >= 2 && parts.every((x) => RE_ROW_PART.test(x) || (x !== t && RE_DEBRIS_LINE.test(x)))) return true;
  }
  if (t.length <= 90 && /\d/.test(t)) {
    const dates = findDates(t);
    if (dates.length) {
      let rest = '';
      let at = 0;
      for (const d of dates) {
        rest += t.slice(at, d.start) + ' ';
        at = d.end;
      }
      rest += t.slice(at);
      if (isDateLineRest(rest)) {
        res.stampDates.push(...dates);
        return true;
      }
    }
  }
  return false;
}

function isDateLineRest(rest: string): boolean {
  for (const w of rest.toLowerCase().split(RE_DATE_LINE_SPLIT)) {
    if (!w || DATE_LINE_WORDS.has(w.replace(/\.$/, '')) || /^[+-]?\d{1,2}[:.]?\d{2}$/.test(w) || w === '-' || w === '.') continue;
    return false;
  }
  return true;
}

function isShareRow(t: string): boolean {
  const words = t.toLowerCase().split(RE_SHARE_SPLIT).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  let core = false;
  for (const w of words) {
    if (!SHARE_WORDS.has(w)) return false;
    if (SHARE_CORE.has(w)) core = true;
  }
  return core;
}

/** A dateline at the start of `t`: the place as printed, the agency, and the prefix length. */
export function matchDateline(t: string): { place: string; agency?: string; date?: string; length: number } | undefined {
  const m = RE_DATELINE.exec(t);
  if (!m) return undefined;
  const caps = m[1];
  const place = (caps ?? m[2]).trim();
  const agency = m[4]?.trim();
  const sep = m[5];
  if (!caps && !agency) return undefined; // title-case place needs "(Agency)"
  if (sep === ':' && (!caps || m[3])) return undefined;
  if (caps && (NOT_PLACES.has(place) || (place.replace(/[^A-Z]/g, '').length < 2))) return undefined;
  if (m[3] && !caps && !agency) return undefined;
  // The body must go on after the dateline with a word, a quote or a number.
  const after = t.charAt(m[0].length);
  if (!/[\p{L}\p{N}"'“‘]/u.test(after)) return undefined;
  // a full date among the dateline's comma parts ("TASHKENT, March 15, 2023 --")
  const date = m[3] ? findDates(m[3]).find((f) => /^\d{4}-\d{2}-\d{2}$/.test(f.date))?.date : undefined;
  return { place, agency: agency && /^\p{Lu}/u.test(agency) ? agency : undefined, date, length: m[0].length };
}

/** Fill the copyright fields of `res` from one copyright/reprint line. */
function parseCopyright(line: string, res: CleanResult): void {
  res.copyrightLine = line;
  const isCopy = /^(?:copyright\b|\(c\)|©)/i.test(line);
  let rest = line.replace(RE_COPY_PREFIX, '');
  const years = RE_COPY_YEARS.exec(rest);
  if (years) {
    res.copyrightYear = Number(years[2] ?? years[1]);
    rest = rest.slice(years[0].length);
  } else {
    const y = /\b((?:19|20)\d{2})\b/.exec(line);
    if (y) res.copyrightYear = Number(y[1]);
  }
  if (isCopy) {
    rest = rest.replace(RE_COPY_PREFIX, '').trim();
    const h = RE_HOLDER.exec(rest)?.[1]?.trim();
    if (h && !/^all rights/i.test(h) && /\p{L}/u.test(h)) res.copyrightHolder = h;
  }
  if (RE_REPRINT.test(line)) {
    res.isReprint = true;
    res.reprintSource = RE_REPRINT_SOURCE.exec(line)?.[1]?.trim();
  } else {
    res.isReprint = false;
  }
}
