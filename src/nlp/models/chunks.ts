/**
 * Chunk (phrase) logic of CoNLL's `conlleval` script (Sang & De Meulder 2003; conlleval.pl v2004),
 * for IOB1, IOB2 (BIO), IOE and IOBES/BILOU tag sequences, and conversions between schemes.
 */

/** A phrase: tokens `[start, end)` of a sentence and its type ("PER"). */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

function split(tag: string): [string, string] {
  if (tag === 'O' || tag === '' || tag === '.' ) return ['O', ''];
  const m = /^([BIESLU])-(.+)$/.exec(tag);
  if (!m) return ['I', tag]; // conlleval: a tag without prefix is an inside tag of that type
  const p = m[1] === 'L' ? 'E' : m[1] === 'U' ? 'S' : m[1];
  return [p, m[2]];
}

/** conlleval's endOfChunk: does a chunk end between the previous tag and this one? */
function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && tag === 'B') return true;
  if (prevTag === 'B' && tag === 'S') return true;
  if (prevTag === 'B' && tag === 'O') return true;
  if (prevTag === 'I' && tag === 'B') return true;
  if (prevTag === 'I' && tag === 'S') return true;
  if (prevTag === 'I' && tag === 'O') return true;
  if (prevTag === 'E' && tag === 'E') return true;
  if (prevTag === 'E' && tag === 'I') return true;
  if (prevTag === 'E' && tag === 'O') return true;
  if (prevTag === 'E' && tag === 'S') return true;
  if (prevTag === 'E' && tag === 'B') return true;
  if (prevTag === 'S' && tag === 'E') return true;
  if (prevTag === 'S' && tag === 'I') return true;
  if (prevTag === 'S' && tag === 'O') return true;
  if (prevTag === 'S' && tag === 'S') return true;
  if (prevTag === 'S' && tag === 'B') return true;
  if (prevTag !== 'O' && prevType !== type) return true;
  return false;
}

/** conlleval's startOfChunk: does a chunk start at this tag? */
function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (prevTag === 'B' && tag === 'B') return true;
  if (prevTag === 'I' && tag === 'B') return true;
  if (prevTag === 'O' && tag === 'B') return true;
  if (prevTag === 'O' && tag === 'I') return true;
  if (prevTag === 'E' && tag === 'E') return true;
  if (prevTag === 'E' && tag === 'I') return true;
  if (prevTag === 'O' && tag === 'E') return true;
  if (prevTag === 'S' && tag === 'E') return true;
  if (prevTag === 'S' && tag === 'I') return true;
  if (prevTag === 'E' && tag === 'B') return true;
  if (prevTag === 'S' && tag === 'B') return true;
  if (tag === 'S') return true;
  if (tag !== 'O' && prevType !== type) return true;
  return false;
}

/**
 * Phrases of one sentence's tags, read exactly as conlleval reads them (so IOB1, IOB2, IOE,
 * IOBES and BILOU all work; ill-formed sequences are read the way conlleval reads them).
 */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let prevTag = 'O';
  let prevType = '';
  let open: Chunk | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const [tag, type] = i < tags.length ? split(tags[i]) : ['O', ''];
    if (open && endOfChunk(prevTag, tag, prevType, type)) {
      open.end = i;
      out.push(open);
      open = null;
    }
    if (i < tags.length && startOfChunk(prevTag, tag, prevType, type)) open = { start: i, end: i + 1, type };
    prevTag = tag;
    prevType = type;
  }
  return out;
}

/** Tag scheme of a tag sequence. */
export type TagScheme = 'IOB1' | 'IOB2' | 'BILOU';

/**
 * Guess the scheme of gold tags: BILOU/IOBES when an `L-`/`U-`/`E-`/`S-` tag occurs, IOB2 when a
 * `B-` tag starts a phrase after `O` or another type, else IOB1 (CoNLL-2003's original files).
 */
export function detectScheme(sents: ReadonlyArray<readonly string[]>): TagScheme {
  let sawB = false;
  for (const tags of sents) {
    let prev = 'O';
    for (const t of tags) {
      if (/^[LUES]-/.test(t)) return 'BILOU';
      if (t.startsWith('B-')) {
        sawB = true;
        const ty = t.slice(2);
        if (prev === 'O' || prev.slice(2) !== ty) return 'IOB2';
      }
      if (t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2))) return 'IOB1';
      prev = t;
    }
  }
  return sawB ? 'IOB2' : 'IOB1';
}

/** Tags of `n` tokens for the given phrases in a scheme (IOB1 uses `B-` only between two phrases of one type). */
export function tagsOf(chunks: readonly Chunk[], n: number, scheme: TagScheme): string[] {
  const tags = new Array<string>(n).fill('O');
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  let prevEnd = -1;
  let prevType = '';
  for (const c of sorted) {
    for (let i = c.start; i < c.end; i++) {
      if (scheme === 'BILOU') tags[i] = (c.end - c.start === 1 ? 'U-' : i === c.start ? 'B-' : i === c.end - 1 ? 'L-' : 'I-') + c.type;
      else if (scheme === 'IOB2') tags[i] = (i === c.start ? 'B-' : 'I-') + c.type;
      else tags[i] = (i === c.start && prevEnd === c.start && prevType === c.type ? 'B-' : 'I-') + c.type;
    }
    prevEnd = c.end;
    prevType = c.type;
  }
  return tags;
}
