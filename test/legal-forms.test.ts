/**
 * Every legal form the suffix grammar knows (src/entities/names.ts) is one
 * the scan for names no list holds (src/entities/legal.ts) starts at: both
 * come from one list of the words a form opens with, and each form below,
 * after a name no list holds, is found as a legal name and shortened.
 */
import { describe, expect, it } from 'vitest';
import { unknownLegalNames } from '../src/entities/legal.js';
import { legalSuffixAt } from '../src/entities/names.js';

/** One written form of each alternative of the grammar, as registers and wires print them. */
const FORMS = [
  ', Joint Stock Co., Ltd.', ' Joint-Stock Limited Company', ' Joint Stock Company', ' Public Company Limited', ' Public Limited Company', ' PCL',
  ' Co. of China, Ltd.', ' (Group) Company of China, Limited', ' Co., Ltd.', ' Co., Limited', ' Co Ltd', ' Company Limited', ', Company, Ltd',
  ' Corp, Limited', ' Holdings Limited', ' Corporation (Taiwan) Ltd.', ' Company (Hong Kong) Limited', ' Pte. Ltd.', ' Pty Ltd', ' Pvt. Ltd.',
  ' Private Limited', ' Sdn. Bhd.', ' Berhad', ' Bhd', ' Tbk', ' S.A.B. de C.V.', ' Ltda.', ' GmbH & Co. KG', ' AG & Co. KGaA', ' KGaA', ' PJSC',
  ' AB (publ)', ' Companies, Inc.', ' (Private) Limited', ' Aktiengesellschaft', ' Inc.', ', Inc', ' Incorporated', ' Corporation, Limited',
  ' Corp., Ltd.', ' Corporation', ' Corp.', ' Corp', ' Ltd.', ' Ltd', ' Limited', ' plc', ' PLC', ' p.l.c.', ' N.V.', ' NV', ' S.A.', ' SA',
  ' S.p.A.', ' SpA', ' AG', ' SE', ' ASA', ' A/S', ' AB', ' Oyj', ' GmbH', ' K.K.', ' LLC', ' L.P.', ' & Co., LLC', ' & Co.', ' and Company', ' SCA',
  ' S.C.A.', ' (Group) Co., Ltd.', ' Group Holdings Limited', ' Holding Co., Ltd.',
];

describe('legal forms: one list for the grammar and the scan', () => {
  it.each(FORMS)('reads “Quillon Brightwater%s” as a legal name', (form) => {
    const name = 'Quillon Brightwater';
    const text = `${name}${form} said on Tuesday that its results rose.`;
    const at = text.indexOf(form);
    expect(legalSuffixAt(text, at), 'the grammar knows the form').toBeDefined();
    const found = unknownLegalNames(text, []);
    // "The Estée Lauder Companies Inc.": "Companies" stays a word of the running name.
    const running = form.startsWith(' Companies') ? `${name} Companies` : name;
    expect(found.map((n) => text.slice(n.start, n.nameEnd)), 'the scan starts at the form').toContain(running);
  });

  it('takes two capitals after a comma for an author’s initials, not a form', () => {
    const citations = ['Wallis, GP; Trewick, SA (2009). A small continent.', 'Smith, AB and Jones, CD wrote the study.', 'Trewick SA, Morgan-Richards M. 2014. Island life.', 'Okafor NE (2011) Coastal dunes.'];
    for (const text of citations) expect(unknownLegalNames(text, []), text).toEqual([]);
    for (const company of ['Quillon Brightwater SA said on Tuesday that its results rose.', 'Quillon Brightwater SA, the Swiss maker of valves, said its results rose.']) {
      expect(unknownLegalNames(company, []).map((n) => company.slice(n.start, n.nameEnd))).toEqual(['Quillon Brightwater']);
    }
  });
});
