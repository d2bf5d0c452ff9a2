import type { Locator, Page } from 'playwright-core';

/** One team (/teams/:id). */
export class TeamPage {
  readonly heatmapLink: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.heatmapLink = page.getByRole('link', { name: 'Heatmap for this team' });
  }
  async goto(teamId: string) {
    await this.page.goto(`${this.baseUrl}/teams/${teamId}`);
    await this.heatmapLink.waitFor();
  }
  /** The banner of the team's open trust signal. */
  signal(team: string): Locator {
    return this.page.getByRole('region', { name: `Trust signal for ${team}` });
  }
}

/** The teams tree (/teams). */
export class TeamsPage {
  readonly tree: Locator;
  constructor(readonly page: Page, readonly baseUrl: string) {
    this.tree = page.getByRole('list', { name: 'Teams' });
  }
  async goto() {
    await this.page.goto(`${this.baseUrl}/teams`);
    await this.tree.waitFor();
  }
  /** A team's own row (not its sub-teams'). */
  row(team: string): Locator {
    return this.tree.locator('.team-row').filter({ has: this.page.getByRole('link', { name: team, exact: true }) });
  }
  /** The badge of a team's open signal in its row. */
  signalBadge(team: string): Locator {
    return this.row(team).getByRole('link', { name: /trust signal/ });
  }
}
