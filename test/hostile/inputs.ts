/**
 * Hostile text inputs shared by the hostile-input suite and the timing script: each is a function
 * of a size `n` (roughly the number of repeated units) returning the text. Each family targets a
 * kind of pattern in the pipeline: datelines, dates, quotes, capitalised names, numbers, dashes,
 * long words, markup depth and width.
 */
const SENTENCE = 'Russian President Vladimir Putin visited Dushanbe on June 28, 2022 and said "we will not sign" about 7,000 troops. ';

/** Named hostile texts, each built from a size `n`. */
export const HOSTILE_TEXTS: Record<string, (n: number) => string> = {
  'dateline dashes': (n) => 'DUSHANBE ' + '-'.repeat(n) + 'x',
  'dateline caps': (n) => 'DUSHANBE, '.repeat(n / 10) + 'x',
  'date slashes': (n) => '1/'.repeat(n / 2),
  'date numbers': (n) => '1 '.repeat(n / 2) + 'June',
  'date digits': (n) => '1'.repeat(n),
  'date hyphens': (n) => '2022-'.repeat(n / 5),
  'date words': (n) => 'June '.repeat(n / 5) + 'x',
  'date ago': (n) => 'ago '.repeat(n / 4),
  'quotes open': (n) => '"' + 'a "b '.repeat(n / 5),
  'quotes curly': (n) => '“' + 'a “b '.repeat(n / 5),
  'quotes single': (n) => "'" + "a 'b ".repeat(n / 5),
  'caps run': (n) => 'A '.repeat(n / 2) + '!',
  'caps words': (n) => 'Putin '.repeat(n / 6) + 'said.',
  'title run': (n) => 'Mr. '.repeat(n / 4) + 'x',
  'numbers commas': (n) => '1,'.repeat(n / 2),
  'numbers dots': (n) => '1.'.repeat(n / 2),
  'number words': (n) => 'thousand '.repeat(n / 9) + 'troops',
  'quantity of': (n) => 'a'.repeat(n) + ' of ',
  'dots': (n) => '.'.repeat(n),
  'dots spaced': (n) => '. '.repeat(n / 2) + 'x',
  'spaces': (n) => 'a' + ' '.repeat(n) + 'b.',
  'newlines': (n) => 'a' + '\n'.repeat(n) + 'b.',
  'parens': (n) => '('.repeat(n) + 'x',
  'long word': (n) => 'x'.repeat(n),
  'long word caps': (n) => 'X'.repeat(n),
  'hyphen words': (n) => 'a-'.repeat(n / 2) + 'b',
  'copyright': (n) => '© '.repeat(n / 2) + 'x',
  'by lines': (n) => 'By '.repeat(n / 3) + 'x',
  'said run': (n) => 'said '.repeat(n / 5),
  'sentence': (n) => SENTENCE.repeat(Math.max(1, Math.ceil(n / SENTENCE.length))),
  'chinese': (n) => '普京总统周二访问了杜尚别。他说不会签署任何文件。'.repeat(Math.max(1, n / 24)),
  'arabic mixed': (n) => 'قال الرئيس Putin إنه visited دوشنبه يوم 28 يونيو. '.repeat(Math.max(1, n / 48)),
  'bidi controls': (n) => ('\u202ePutin\u202c visited \u2067Paris\u2069 on Monday. ').repeat(Math.max(1, n / 40)),
  'html nested': (n) => '<html><body>' + '<div>'.repeat(n) + 'Putin visited Paris on Monday.' + '</div>'.repeat(n) + '</body></html>',
  'html wide': (n) => '<html><body><article><p>Putin visited Paris on Monday.</p>' + '<span></span>'.repeat(n) + '</article></body></html>',
  'html unclosed': (n) => '<html><body><p>Putin visited Paris on Monday.' + '<b>'.repeat(n) + '</body></html>',
  'html attrs': (n) => '<html><body><p ' + 'a="b" '.repeat(n / 6) + '>Putin visited Paris on Monday.</p></body></html>',
  'html comment': (n) => '<html><body><p>Putin visited Paris on Monday.</p><!--' + '-'.repeat(n) + '</body></html>',
};
