import type { Locator, Page } from 'playwright-core';

export class ComplaintPage {
  readonly nextStep: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page, readonly baseUrl: string) {
    this.nextStep = page.getByRole('group', { name: 'Next step' });
    this.timeline = page.getByRole('list', { name: 'Timeline' });
  }

  async goto(id: string) {
    await this.page.goto(`${this.baseUrl}/complaints/${id}`);
  }

  heading(subject: string): Locator {
    return this.page.getByRole('heading', { name: subject, level: 1 });
  }

  /** The status badge in the header. */
  status(label: string): Locator {
    return this.page.locator('.profile-title .badge', { hasText: new RegExp(`^${label}$`) });
  }

  async step(label: string) {
    await this.nextStep.getByRole('button', { name: label, exact: true }).click();
  }

  async nextStepLabels(): Promise<string[]> {
    return this.nextStep.getByRole('button').allInnerTexts();
  }

  async reply(text: string) {
    await this.page.getByRole('radio', { name: 'Reply to customer' }).check();
    await this.page.getByRole('textbox', { name: 'Reply to customer' }).fill(text);
    await this.page.getByRole('button', { name: 'Send reply' }).click();
  }

  async resolve(resolution: string, rootCause?: string) {
    await this.step('Resolve…');
    const dialog = this.page.getByRole('dialog', { name: 'Resolve complaint' });
    await dialog.getByLabel('Resolution').fill(resolution);
    if (rootCause) await dialog.getByLabel(/Root cause/).fill(rootCause);
    await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Timeline entries of a kind (data-kind), in order. */
  entries(kind: string): Locator {
    return this.timeline.locator(`[data-kind="${kind}"]`);
  }
}
