import { expect } from 'chai';
import { renderingFinder, sharesStem } from '../../../src/translation-help/rendering-match.js';

const uses = (lang: string, text: string, rendering: string): boolean => renderingFinder(text, lang)(rendering);

describe('rendering match', () => {
  it('Russian (stemmer): the rendering in another case counts; a look-alike word does not', () => {
    expect(uses('ru', 'Для продления вида на жительство приходите в квестуру.', 'вид на жительство')).to.equal(true);
    expect(uses('ru', 'Приходите с видом на жительство.', 'вид на жительство')).to.equal(true);
    expect(uses('ru', 'Продлите ВИД НА ЖИТЕЛЬСТВО.', 'вид на жительство')).to.equal(true);
    expect(uses('ru', 'Приходите в квестуру.', 'квестура')).to.equal(true);
    expect(uses('ru', 'Смотрите видео о жительстве в городе.', 'вид на жительство')).to.equal(false);
    expect(uses('ru', 'Нужно разрешение на работу.', 'вид на жительство')).to.equal(false);
  });

  it('Ukrainian (stemmer): genitive, accusative and instrumental count; a different noun does not', () => {
    expect(uses('uk', 'Термін дії посвідки на проживання закінчується.', 'посвідка на проживання')).to.equal(true);
    expect(uses('uk', 'Отримайте посвідку на проживання.', 'посвідка на проживання')).to.equal(true);
    expect(uses('uk', 'З посвідкою на проживання можна працювати.', 'посвідка на проживання')).to.equal(true);
    expect(uses('uk', 'Потрібне возз’єднання сім’ї.', "возз'єднання сім'ї")).to.equal(true);
    expect(uses('uk', 'Візьміть посвідчення водія.', 'посвідка на проживання')).to.equal(false);
  });

  it('Albanian (prefix rule): definite forms, with the article between the words, count', () => {
    expect(uses('sq', 'Rinovoni lejen e qëndrimit.', 'leje qëndrimi')).to.equal(true);
    expect(uses('sq', 'Afati i lejes së qëndrimit skadon.', 'leje qëndrimi')).to.equal(true);
    expect(uses('sq', 'Leja e qëndrimit është gati.', 'leje qëndrimi')).to.equal(true);
    expect(uses('sq', 'Shkoni në Kuesturë.', 'Kuestura')).to.equal(true);
    expect(uses('sq', 'Merrni kartën e identitetit.', 'kartë identiteti')).to.equal(true);
  });

  it('Albanian (prefix rule): a word that only starts alike, or a longer word inserted, does not count', () => {
    expect(uses('sq', 'Lejohet qëndrimi deri në orën 18.', 'leje qëndrimi')).to.equal(false);
    expect(uses('sq', 'Paguani karburantin.', 'kartë')).to.equal(false);
    expect(uses('sq', 'Leje pune dhe qëndrimi.', 'leje qëndrimi')).to.equal(false);
  });

  it('Romanian (stemmer): articled and genitive forms, cedilla or comma below, count; another permit does not', () => {
    expect(uses('ro', 'Reînnoiți permisul de ședere.', 'permis de ședere')).to.equal(true);
    expect(uses('ro', 'Valabilitatea permisului de şedere expiră.', 'permis de ședere')).to.equal(true);
    expect(uses('ro', 'Aduceți cardul de sănătate.', 'card de sănătate')).to.equal(true);
    expect(uses('ro', 'Aduceți permisul de conducere.', 'permis de ședere')).to.equal(false);
  });

  it('Portuguese, Hindi (stemmers): plurals count', () => {
    expect(uses('pt', 'As autorizações de residência estão prontas.', 'autorização de residência')).to.equal(true);
    expect(uses('hi', 'सभी स्वास्थ्य कार्डों की जाँच होगी।', 'स्वास्थ्य कार्ड')).to.equal(true);
  });

  it('Persian (prefix rule): a plural written with or without the zero-width non-joiner, and Arabic-keyboard letters, count', () => {
    expect(uses('fa', 'کارت‌های شناسایی را بیاورید.', 'کارت شناسایی')).to.equal(true);
    expect(uses('fa', 'کارتهای شناسايي را بیاورید.', 'کارت شناسایی')).to.equal(true);
    expect(uses('fa', 'گذرنامه را بیاورید.', 'کارت شناسایی')).to.equal(false);
  });

  it('any language: the words must come in order, with at most one short word between them', () => {
    expect(uses('en', 'Bring your health card.', 'health card')).to.equal(true);
    expect(uses('en', 'Bring your health insurance card.', 'health card')).to.equal(false);
    expect(uses('en', 'Bring the card for health.', 'health card')).to.equal(false);
  });

  it('Chinese: contained text, as it has no spaces', () => {
    expect(uses('zh-Hans', '请携带居留许可前往警察局。', '居留许可')).to.equal(true);
    expect(uses('zh-Hant', '請攜帶居留許可。', '居留许可')).to.equal(false);
    expect(uses('zh-Hans', '请携带居留证明。', '居留许可')).to.equal(false);
  });

  it('sharesStem: an ending changed or added counts, a short word must be identical', () => {
    expect(sharesStem('leje', 'leja')).to.equal(true);
    expect(sharesStem('qëndrimi', 'qëndrimeve')).to.equal(true);
    expect(sharesStem('e', 'es')).to.equal(false);
    expect(sharesStem('leje', 'lejohet')).to.equal(false);
  });
});
