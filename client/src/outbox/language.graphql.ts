import { graphql } from '../generated/index.js';

export type { MailLanguage } from '../generated/graphql.js';

export const SetCustomerLanguageMutation = graphql(`
  mutation SetCustomerLanguage($id: ID!, $language: MailLanguage) {
    updateCustomer(input: { id: $id, language: $language }) {
      id
      language
    }
  }
`);

export const SetEmployeeLanguageMutation = graphql(`
  mutation SetEmployeeLanguage($id: ID!, $language: MailLanguage) {
    updateEmployee(input: { id: $id, language: $language }) {
      id
      language
    }
  }
`);
