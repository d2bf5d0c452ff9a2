import { registerEnumType } from 'type-graphql';

/** The language of the emails a person gets; the values are what is stored ('de', 'en'). */
export enum MailLanguage {
  DE = 'de',
  EN = 'en',
}

registerEnumType(MailLanguage, {
  name: 'MailLanguage',
  description: 'Language of the emails Rapport sends a person (templates exist in German and English).',
  valuesConfig: { DE: { description: 'German.' }, EN: { description: 'English.' } },
});
