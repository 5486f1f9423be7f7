import { describe, expect, test } from 'vitest';
import { extractTimexes } from '../../src/time/timex.js';
import { segmentText } from './helpers.js';

/** [sentence, anchor, expected timexes (text, value, type?), texts that must NOT be timexes] */
type Case = [string, string | null, Array<[string, string, string?]>, string[]?];

const CASES: Case[] = [
  // DATE values and granularities
  ['The treaty was signed on 5 March 2021 in Geneva.', '2022-06-28', [['5 March 2021', '2021-03-05', 'DATE']]],
  ['The company was founded in 1998.', '2022-06-28', [['1998', '1998', 'DATE']]],
  ['Output fell sharply in January 2020.', '2022-06-28', [['January 2020', '2020-01', 'DATE']]],
  ['Officials met this week to review the plan.', '2022-06-28', [['this week', '2022-W26', 'DATE']]],
  ['Prices rose in the 1990s.', '2022-06-28', [['the 1990s', '199', 'DATE']]],
  ['The economy grew by 3% last year.', '2022-06-28', [['last year', '2021', 'DATE']]],
  ['Growth slowed last month, the agency said.', '2022-06-28', [['last month', '2022-05', 'DATE']]],
  // reference values
  ['The talks are currently in their final phase.', '2022-06-28', [['currently', 'PRESENT_REF', 'DATE']]],
  ['Nothing has changed until now.', '2022-06-28', [['now', 'PRESENT_REF', 'DATE']]],
  ['The board now expects a loss.', '2022-06-28', [], ['now']],
  // fractional durations go to the next smaller unit; an age is no duration
  ['The hearing lasted 2 1/2 years before the verdict.', '2022-06-28', [['2 1/2 years', 'P2Y6M', 'DURATION']]],
  ['The rescue took an hour and a half.', '2022-06-28', [['an hour and a half', 'PT1H30M', 'DURATION']]],
  ['Ms. Ortiz, 47 years old, will chair the committee.', '2022-06-28', [], ['47 years']],
  ['The firm bought the mill in February.', '2022-06-28', [['February', '2022-02', 'DATE']]],
  ['Violence has grown in recent months.', '2022-06-28', [['recent months', 'PAST_REF', 'DATE']]],
  ['The firm will expand in the future.', '2022-06-28', [['the future', 'FUTURE_REF', 'DATE']]],
  // TIME
  ['Polls closed on Friday at 9 p.m. after a long day.', '2024-03-04', [['Friday at 9 p.m.', '2024-03-01T21:00', 'TIME']]],
  ['The minister will speak tonight.', '2022-06-28', [['tonight', '2022-06-28TNI', 'TIME']]],
  // DURATION
  ['He began a two-year term as chairman.', '2022-06-28', [['two-year', 'P2Y', 'DURATION']]],
  ['Unions called a 48-hour strike.', '2022-06-28', [['48-hour', 'PT48H', 'DURATION']]],
  ['The minister made a one-day trip to the capital.', '2022-06-28', [['one-day', 'P1D', 'DURATION']]],
  ['The rebels held the town for three weeks.', '2022-06-28', [['three weeks', 'P3W', 'DURATION']]],
  ['Prices doubled over the past two years.', '2022-06-28', [['the past two years', 'P2Y', 'DURATION']]],
  ['The rescue took five hours.', '2022-06-28', [['five hours', 'PT5H', 'DURATION']]],
  ['The two sides have been talking for several years.', '2022-06-28', [['several years', 'PXY', 'DURATION']]],
  // SET
  ['The council meets every Monday.', '2022-06-28', [['every Monday', 'XXXX-WXX-1', 'SET']]],
  ['The figures are published weekly.', '2022-06-28', [['weekly', 'P1W', 'SET']]],
  ['The report is updated annually.', '2022-06-28', [['annually', 'P1Y', 'SET']]],
  ['Inspectors visit twice a year.', '2022-06-28', [['twice a year', 'P1Y', 'SET']]],
  // tense bias: past
  ['The war in February killed thousands.', '2022-06-28', [['February', '2022-02', 'DATE']]],
  ['The accord was signed on March 21 in Paris.', '2022-03-10', [['March 21', '2021-03-21', 'DATE']]],
  ['Troops crossed the border in November, officials said.', '2022-06-28', [['November', '2021-11', 'DATE']]],
  ['The leaders met on Friday.', '2022-06-28', [['Friday', '2022-06-24', 'DATE']]],
  // tense bias: future
  ['The two presidents will meet on March 21.', '2022-06-28', [['March 21', '2023-03-21', 'DATE']]],
  ['The president will leave on Friday for Rome.', '2022-06-28', [['Friday', '2022-07-01', 'DATE']]],
  ['The bill is due to take effect in February.', '2022-06-28', [['February', '2023-02', 'DATE']]],
  ['The company plans to list its shares in April.', '2022-06-28', [['April', '2023-04', 'DATE']]],
  ["They'll vote on November 3.", '2022-06-28', [['November 3', '2022-11-03', 'DATE']]],
  ['His record in April had already set tongues wagging.', '2005-03-01', [['April', '2004-04', 'DATE']]],
  ['The board was said to be rewriting its plan on Friday.', '2005-03-01', [['Friday', '2005-02-25', 'DATE']]],
  // nearest when the clause has no tense cue
  ['Results on June 30.', '2022-06-28', [['June 30', '2022-06-30', 'DATE']]],
  // year boundaries and weekday relatives
  ['Voting ended on Sunday at 8 p.m.', '2025-01-01', [['Sunday at 8 p.m.', '2024-12-29T20:00', 'TIME']]],
  ['He resigned last Tuesday.', '2018-04-23', [['last Tuesday', '2018-04-17', 'DATE']]],
  ['She was appointed last Monday.', '2018-04-23', [['last Monday', '2018-04-16', 'DATE']]],
  ['The court will rule next Wednesday.', '2018-04-23', [['next Wednesday', '2018-04-25', 'DATE']]],
  ['The envoy arrived in Kabul on December 30.', '2023-01-02', [['December 30', '2022-12-30', 'DATE']]],
  ['The summit will open on January 4.', '2022-12-28', [['January 4', '2023-01-04', 'DATE']]],
  // granular relatives
  ['Earlier this month the minister resigned.', '2018-04-23', [['Earlier this month', '2018-04', 'DATE']]],
  ['A decision is expected later this year.', '2022-06-28', [['later this year', '2022', 'DATE']]],
  ['The vote will take place in June next year.', '2023-01-01', [['June next year', '2024-06', 'DATE']]],
  ['The plant will reopen next June.', '2023-01-01', [['next June', '2023-06', 'DATE']]],
  ['The plant closed last June.', '2023-03-01', [['last June', '2022-06', 'DATE']]],
  ['Riots broke out yesterday and calm returned today.', '2022-06-28', [['yesterday', '2022-06-27', 'DATE'], ['today', '2022-06-28', 'DATE']]],
  ['The strike began three weeks ago.', '2022-06-28', [['three weeks ago', '2022-W23', 'DATE']]],
  ['Sales slumped early last year.', '2022-06-28', [['early last year', '2021', 'DATE']]],
  ['Profit rose 5% from a year earlier.', '1989-11-02', [['a year earlier', '1988', 'DATE']]],
  ['Sales in the 1988 second quarter fell.', '1989-11-02', [['the 1988 second quarter', '1988-Q2', 'DATE']]],
  ['Third-quarter profit rose 5%, compared with $1.2 billion a year earlier.', '1989-10-26', [['Third-quarter', '1989-Q3', 'DATE'], ['a year earlier', '1988-Q3', 'DATE']]],
  ['Revenue fell in the fourth quarter of 1990.', '1991-02-10', [['the fourth quarter of 1990', '1990-Q4', 'DATE']]],
  ['Profit in the year-earlier quarter was flat.', '1989-10-26', [['the year-earlier quarter', '1988-Q3', 'DATE']]],
  ['The company reported earnings for fiscal 1990 on Monday.', '1990-11-20', [['fiscal 1990', '1990', 'DATE'], ['Monday', '1990-11-19', 'DATE']]],
  ['The 6-year-old boy was found.', '1999-12-01', [], ['6-year-old']],
  ['It closed at 112 5/8 on the exchange.', '1989-10-26', [], ['5/8']],
  ['Exports grew in nineteen ninety-six.', '1998-01-10', [['nineteen ninety-six', '1996', 'DATE']]],
  ['He was born in 1971 and moved in 1990, 1994 and 1997.', '1998-01-10', [['1971', '1971', 'DATE'], ['1990', '1990', 'DATE'], ['1994', '1994', 'DATE'], ['1997', '1997', 'DATE']]],
  ['Prices are rising now, analysts said.', '1998-01-10', [['now', 'PRESENT_REF', 'DATE']]],
  // day-month order (US default)
  ['The contract was dated 3/4/2021.', '2022-06-28', [['3/4/2021', '2021-03-04', 'DATE']]],
  // false dates
  ['Prime Minister Theresa May may visit Berlin in May.', '2019-03-15', [['May', '2019-05', 'DATE']], ['Theresa May', 'may visit']],
  ['Thousands march through the capital.', '2022-06-28', [], ['march']],
  ['He finished second, and one of them placed 201st.', '2022-06-28', [], ['second', 'one', '201st']],
  ['A 1,357-kilometer border separates them.', '2022-06-28', [], ['1,357']],
  ['Police said 2,000 people joined the protest.', '2022-06-28', [], ['2,000']],
  ['She tried a second time.', '2022-06-28', [], ['a second']],
  // a chrono range is two timexes; a weekday with its date names the year
  ['Shares were bought from Sept. 14 to Thursday.', '2023-10-02', [['Sept. 14', '2023-09-14', 'DATE'], ['Thursday', '2023-09-28', 'DATE']]],
  ['The paper said in an editorial on Monday, Oct. 26: enough.', '2015-10-25', [['Monday, Oct. 26', '2015-10-26', 'DATE']]],
  ['Prices fell 4% from the previous Friday.', '2023-10-02', [['the previous Friday', '2023-09-29', 'DATE']]],
  ['In the fiscal year ended Jan. 31, sales rose.', '2023-10-31', [['the fiscal year', 'P1Y', 'DURATION'], ['Jan. 31', '2023-01-31', 'DATE']]],
  // quantity modifiers and "the" belong to a duration; spelled counts before a noun
  ['The talks have been frozen for nearly two years.', '2022-06-28', [['nearly two years', 'P2Y', 'DURATION']]],
  ['The firm must wait at least 30 days.', '2022-06-28', [['at least 30 days', 'P30D', 'DURATION']]],
  ['For the nine months, profit rose.', '2022-06-28', [['the nine months', 'P9M', 'DURATION']]],
  ['Stocks hit a five year low.', '2022-06-28', [['five year', 'P5Y', 'DURATION']]],
  ['The guerrillas kidnapped him almost two years ago.', '2022-06-28', [['almost two years ago', '2020', 'DATE']]],
  ['Losses grew over the past two quarters.', '2022-06-28', [['the past two quarters', 'P2Q', 'DURATION']]],
  ['The deal was struck a week or so ago.', '2022-06-28', [['a week or so ago', '2022-W25', 'DATE']]],
  ['Earnings fell in the last twenty four hours.', '2022-06-28', [['the last twenty four hours', 'PT24H', 'DURATION']]],
  // decades, centuries, seasons, year-end, holidays, a year standing alone, anaphora
  ['Growth has slowed over two decades.', '2022-06-28', [['two decades', 'P20Y', 'DURATION']]],
  ['Inflation was high in the nineties.', '2022-06-28', [['the nineties', '199', 'DATE']]],
  ['The temple dates from the 11th century.', '2022-06-28', [['the 11th century', '10', 'DATE']]],
  ['Sales were weak over the summer.', '2022-10-26', [['the summer', '2022-SU', 'DATE']]],
  ['The deal should close by year-end.', '2022-06-28', [['year-end', '2022', 'DATE']]],
  ['The boy was found on Thanksgiving Day.', '2023-01-07', [['Thanksgiving Day', '2022-11-24', 'DATE']]],
  ['Analysts were predicting 1990 earnings of $3.90 a share.', '1989-10-26', [['1990', '1990', 'DATE']]],
  ['The town has 2000 residents and 1990 voters.', '2022-06-28', [], ['2000', '1990']],
  ['Protesters gathered at 2000 Pennsylvania Avenue.', '2022-06-28', [], ['2000']],
  ['We saw it in the winter of nineteen ninety-four.', '1998-02-23', [['the winter of nineteen ninety-four', '1994-WI', 'DATE']]],
  ['Now, he says, the plan has failed.', '2022-06-28', [], ['Now']],
  ['The company is selling itself under a June agreement.', '1989-10-30', [['June', '1989-06', 'DATE']]],
  ['He was scheduled to appear before a judge at midday.', '1999-10-08', [['midday', '1999-10-08T12:00', 'TIME']]],
  ['She fled in June 1998 and returned later that year.', '2000-01-28', [['June 1998', '1998-06', 'DATE'], ['later that year', '1998', 'DATE']]],
  // financial quarters
  ['Net rose in the quarter ended Sept. 30.', '1989-10-26', [['the quarter', '1989-Q3', 'DATE'], ['Sept. 30', '1989-09-30', 'DATE']]],
  ['Profit rose in the third quarter from the 1988 period.', '1989-10-26', [['the third quarter', '1989-Q3', 'DATE'], ['the 1988 period', '1988-Q3', 'DATE']]],
  // a rate is a SET; "Sun," is the company; a stock price is no date
  ['The plan saves $2 million a year.', '2022-06-28', [['a year', 'P1Y', 'SET']]],
  ['Sun, Hewlett-Packard and others disagree.', '2022-06-28', [], ['Sun']],
  // plans and possessives: the nearest day, the latest day
  ['The prosecutor scheduled a news conference Thursday.', '1999-05-05', [['Thursday', '1999-05-06', 'DATE']]],
  ['They will look for ways to get around Wednesday\'s ruling.', '2000-01-07', [['Wednesday', '2000-01-05', 'DATE']]],
  ['Earlier Sunday, police clashed with marchers in the mid-1990s style.', '1998-03-22', [['Earlier Sunday', '1998-03-22', 'DATE'], ['the mid-1990s', '199', 'DATE']]],
  ['A major factor in the third-quarter loss was a write-down.', '1989-10-26', [['third-quarter', '1989-Q3', 'DATE']]],
  ['For the quarter a year ago, the bank earned $16 million.', '1989-10-26', [['the quarter a year ago', '1988-Q3', 'DATE']]],
  ['The stock rose to 12 3/4 in heavy trading.', '2022-06-28', [], ['12 3/4']],
];

function check(c: Case, withTokens: boolean): void {
  const [text, anchor, expected, notDates = []] = c;
  const opts = withTokens ? segmentText(text) : {};
  const got = extractTimexes(text, anchor, opts);
  for (const [t, value, type] of expected) {
    const hit = got.find((g) => g.text === t);
    expect(hit, `"${t}" in: ${text} → ${JSON.stringify(got.map((g) => [g.text, g.value]))}`).toBeDefined();
    expect(hit!.value, `value of "${t}"`).toBe(value);
    if (type) expect(hit!.type, `type of "${t}"`).toBe(type);
    expect(text.slice(hit!.start, hit!.end)).toBe(t);
    expect(hit!.stage).toBe('time');
  }
  expect(got.length, `extra timexes: ${JSON.stringify(got.map((g) => g.text))}`).toBe(expected.length);
  for (const nd of notDates) {
    const at = text.indexOf(nd);
    expect(got.some((g) => g.start < at + nd.length && at < g.end && !expected.some(([t]) => t === g.text && g.start >= at + nd.length)),
      `"${nd}" must not be a date`).toBe(false);
  }
}

describe('extractTimexes, text only', () => {
  test.each(CASES.map((c) => [c[0], c] as const))('%s', (_, c) => check(c, false));
});

describe('extractTimexes, with wink-nlp tokens', () => {
  test.each(CASES.map((c) => [c[0], c] as const))('%s', (_, c) => check(c, true));
});

describe('extractTimexes, details', () => {
  test('an infinitive looks ahead of its main verb (with part-of-speech tags)', () => {
    const text = 'The firm agreed to buy the mill in February.';
    const got = extractTimexes(text, '2022-06-28', segmentText(text));
    expect(got.find((t) => t.text === 'February')?.value).toBe('2023-02');
  });
  test("TimeML conventions: every 'now' is a PRESENT_REF", () => {
    const text = 'The board now expects a loss, now that sales have slowed.';
    expect(extractTimexes(text, '2022-06-28').some((t) => t.text === 'now')).toBe(false);
    const tm = extractTimexes(text, '2022-06-28', { conventions: 'timeml' }).filter((t) => t.text === 'now');
    expect(tm.map((t) => t.value)).toEqual(['PRESENT_REF', 'PRESENT_REF']);
  });
  test('TimeML conventions: recent months is a vague duration; a rate is left untagged', () => {
    const text = 'Violence has grown in recent months, costing $2 million a year.';
    const tm = extractTimexes(text, '2022-06-28', { conventions: 'timeml' });
    expect(tm.map((t) => [t.text, t.type, t.value])).toEqual([['recent months', 'DURATION', 'PXM']]);
  });
  test('an -ing form before a noun does not stop the infinitive cue (with part-of-speech tags)', () => {
    const text = 'Midwest agreed to acquire the Peoria bank holding company in January.';
    const got = extractTimexes(text, '1989-11-02', segmentText(text));
    expect(got.find((t) => t.text === 'January')?.value).toBe('1990-01');
  });
  test('TimeML conventions: "three days later" is the offset, a DURATION without "later"', () => {
    const text = 'Three days later, the index closed higher.';
    const [t] = extractTimexes(text, '1989-10-30', { conventions: 'timeml' });
    expect([t.text, t.type, t.value]).toEqual(['Three days', 'DURATION', 'P3D']);
    expect(extractTimexes(text, '1989-10-30')[0].value).toBe('1989-11-02');
  });
  test('quantity modifiers set the TIMEX3 mod', () => {
    const [t] = extractTimexes('The firm must wait at least 30 days.', '2022-06-28');
    expect(t.mod).toBe('EQUAL_OR_MORE');
  });
  test('the infinitive cue stops at a conjunction: "to overturn it, but in March a judge ruled" is past', () => {
    const text = 'They sued to overturn the decision, but in March a judge ruled against them.';
    const got = extractTimexes(text, '2023-04-03', segmentText(text));
    expect(got.find((t) => t.text === 'March')?.value).toBe('2023-03');
  });
  test('day-first option reads 3/4/2021 as 3 April', () => {
    const [t] = extractTimexes('The contract was dated 3/4/2021.', '2022-06-28', { dayFirst: true });
    expect(t.value).toBe('2021-04-03');
  });

  test('no anchor: unknown parts are X', () => {
    const got = extractTimexes('Rahmon met the envoy on June 28 and last Tuesday, and again yesterday.', null);
    expect(got.map((g) => g.value)).toEqual(['XXXX-06-28', 'XXXX-WXX-2', 'XXXX-XX-XX']);
  });

  test('no anchor: "the last day of the month" is an unknown day, not a placeholder date', () => {
    const text = 'The offer lapses on the last day of the month, and the fee is due by end of month.';
    expect(extractTimexes(text, null).map((g) => g.value)).toEqual(['XXXX-XX-XX', 'XXXX-XX-XX']);
    expect(extractTimexes(text, '1987-03-04').map((g) => g.value)).toEqual(['1987-03-31', '1987-03-31']);
  });

  test('ids, offsets, known and implied parts', () => {
    const text = 'Earlier this month, on June 28, he left.';
    const got = extractTimexes(text, '2022-06-28');
    expect(got.map((g) => g.id)).toEqual(['t1', 't2']);
    expect(got[0]).toMatchObject({ text: 'Earlier this month', value: '2022-06', granularity: 'month' });
    expect(got[1]).toMatchObject({ text: 'June 28', known: ['month', 'day'], implied: ['year'], granularity: 'day' });
    for (const g of got) {
      expect(text.slice(g.start, g.end)).toBe(g.text);
      expect(g.confidence).toBeGreaterThan(0);
      expect(g.confidence).toBeLessThanOrEqual(1);
    }
  });

  test('a quoted programme title that starts with time words is no TIMEX3; the same words unquoted are', () => {
    const titled = extractTimexes('The minister appeared on "Next Monday Live With Ana Ruiz" to defend the budget.', '2022-06-28');
    expect(titled.map((t) => t.text)).toEqual([]);
    const plain = extractTimexes('The minister will appear next Monday to defend the budget.', '2022-06-28');
    expect(plain.map((t) => t.text)).toEqual(['next Monday']);
  });

  test('impossible dates are dropped and odd input does not throw', () => {
    expect(extractTimexes('', '2022-06-28')).toEqual([]);
    expect(extractTimexes('It happened on February 30, 2021.', '2022-06-28').filter((t) => t.value.startsWith('2021-02-30'))).toEqual([]);
    expect(() => extractTimexes('on on on ' + '9'.repeat(5000) + ' May May May', 'not a date')).not.toThrow();
  });
});
