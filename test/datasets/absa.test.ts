import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAspectTermFile, readOpinionFile } from '../../src/datasets/absa.js';
import { DATASETS_ENV_VARIABLE } from '../../src/datasets/paths.js';

const ASPECT_TERMS = `<?xml version="1.0" encoding="UTF-8"?>
<sentences>
  <sentence id="1">
    <text>The &quot;pasta&quot; was great but the waiter was rude.</text>
    <aspectTerms>
      <aspectTerm term="pasta" polarity="positive" from="5" to="10"/>
      <aspectTerm term="waiter" polarity="negative" from="38" to="44"/>
      <aspectTerm term="bill" polarity="neutral" from="0" to="4"/>
      <aspectTerm term="waiter" polarity="conflict" from="38" to="44"/>
    </aspectTerms>
  </sentence>
  <sentence id="2"><text>No aspects here.</text></sentence>
</sentences>`;

const OPINIONS = `<?xml version="1.0" encoding="UTF-8"?>
<Reviews>
  <Review rid="r1"><sentences>
    <sentence id="r1:0">
      <text>Lovely place, lovely staff.</text>
      <Opinions>
        <Opinion target="place" category="RESTAURANT#GENERAL" polarity="positive" from="7" to="12"/>
        <Opinion target="staff" category="SERVICE#GENERAL" polarity="positive" from="21" to="26"/>
        <Opinion target="staff" category="SERVICE#STYLE" polarity="positive" from="21" to="26"/>
        <Opinion target="NULL" category="AMBIENCE#GENERAL" polarity="positive" from="0" to="0"/>
      </Opinions>
    </sentence>
    <sentence id="r1:1">
      <text>Cheap but slow.</text>
      <Opinions>
        <Opinion target="NULL" category="PRICES#GENERAL" polarity="positive" from="0" to="0"/>
        <Opinion target="NULL" category="SERVICE#GENERAL" polarity="negative" from="0" to="0"/>
      </Opinions>
    </sentence>
    <sentence id="r1:2">
      <text>Great machine.</text>
      <Opinions><Opinion category="LAPTOP#GENERAL" polarity="positive"/></Opinions>
    </sentence>
    <sentence id="r1:3">
      <text>The menu is long.</text>
      <Opinions><Opinion target="menu" category="FOOD#STYLE" polarity="neutral" from="4" to="8"/></Opinions>
    </sentence>
  </sentences></Review>
</Reviews>`;

describe('absa readers on hand-built XML', () => {
  const previous = process.env[DATASETS_ENV_VARIABLE];
  beforeAll(() => {
    const folder = mkdtempSync(join(tmpdir(), 'verbatim-absa-'));
    writeFileSync(join(folder, 'terms.xml'), ASPECT_TERMS);
    writeFileSync(join(folder, 'opinions.xml'), OPINIONS);
    process.env[DATASETS_ENV_VARIABLE] = folder;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env[DATASETS_ENV_VARIABLE];
    else process.env[DATASETS_ENV_VARIABLE] = previous;
  });

  it('aspect terms: decodes entities, repairs shifted offsets, drops conflict and absent terms', async () => {
    const { sentences, report } = await readAspectTermFile('terms.xml', 'hand');
    const [first] = sentences;
    expect(first?.text).toBe('The "pasta" was great but the waiter was rude.');
    expect(first?.rows.map((row) => [row.target?.text, row.target?.start, row.label])).toEqual([
      ['pasta', 5, 'positive'],
      ['waiter', 30, 'negative'],
    ]);
    expect(sentences[1]?.rows).toEqual([]);
    expect(report).toMatchObject({ rowsRead: 4, offsetsRepaired: 1, offsetsDropped: 1, labelDropped: 1 });
  });

  it('opinions: aspect rows for real targets, a sentence row only when all opinions agree', async () => {
    const { sentences, report } = await readOpinionFile('opinions.xml', 'hand');
    const summary = sentences.map((sentence) => sentence.rows.map((row) => `${row.target?.text ?? '<sentence>'}:${row.label}`));
    expect(summary).toEqual([
      ['place:positive', 'staff:positive', '<sentence>:positive'],
      [],
      ['<sentence>:positive'],
      ['menu:neutral'],
    ]);
    expect(report).toMatchObject({ duplicateDropped: 1, sentenceRowsFromUntargeted: 2 });
  });
});
