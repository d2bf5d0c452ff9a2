import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127000000Initial } from './Migration20261127000000Initial.js';
import { Migration20261127010000Referrals } from './Migration20261127010000Referrals.js';
import { Migration20261127130209Complaints } from './Migration20261127130209Complaints.js';
import { Migration20261127132422Surveys } from './Migration20261127132422Surveys.js';
import { Migration20261127133500SurveyFollowUp } from './Migration20261127133500SurveyFollowUp.js';
import { Migration20261127134902CheckIns } from './Migration20261127134902CheckIns.js';
import { Migration20261127150139TrustSignals } from './Migration20261127150139TrustSignals.js';
import { Migration20261127163500SignalAcknowledgement } from './Migration20261127163500SignalAcknowledgement.js';
import { Migration20261205090000WaveTeamTree } from './Migration20261205090000WaveTeamTree.js';
import { Migration20261205100000IdempotencyKeys } from './Migration20261205100000IdempotencyKeys.js';
import { Migration20261205130000Outbox } from './Migration20261205130000Outbox.js';
import { Migration20261205131500SurveyReminders } from './Migration20261205131500SurveyReminders.js';
import { Migration20261205140000SyncKeysets } from './Migration20261205140000SyncKeysets.js';
import { Migration20261205160000ComplaintMail } from './Migration20261205160000ComplaintMail.js';
import { Migration20261205170000ReferralAsks } from './Migration20261205170000ReferralAsks.js';
import { Migration20261206030000InvitationSubjectIndex } from './Migration20261206030000InvitationSubjectIndex.js';

/** Applied in order; never edit one that has shipped, add a new one. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261127000000Initial', class: Migration20261127000000Initial },
  { name: 'Migration20261127010000Referrals', class: Migration20261127010000Referrals },
  { name: 'Migration20261127130209Complaints', class: Migration20261127130209Complaints },
  { name: 'Migration20261127132422Surveys', class: Migration20261127132422Surveys },
  { name: 'Migration20261127133500SurveyFollowUp', class: Migration20261127133500SurveyFollowUp },
  { name: 'Migration20261127134902CheckIns', class: Migration20261127134902CheckIns },
  { name: 'Migration20261127150139TrustSignals', class: Migration20261127150139TrustSignals },
  { name: 'Migration20261127163500SignalAcknowledgement', class: Migration20261127163500SignalAcknowledgement },
  { name: 'Migration20261205090000WaveTeamTree', class: Migration20261205090000WaveTeamTree },
  { name: 'Migration20261205100000IdempotencyKeys', class: Migration20261205100000IdempotencyKeys },
  { name: 'Migration20261205130000Outbox', class: Migration20261205130000Outbox },
  { name: 'Migration20261205131500SurveyReminders', class: Migration20261205131500SurveyReminders },
  { name: 'Migration20261205140000SyncKeysets', class: Migration20261205140000SyncKeysets },
  { name: 'Migration20261205160000ComplaintMail', class: Migration20261205160000ComplaintMail },
  { name: 'Migration20261205170000ReferralAsks', class: Migration20261205170000ReferralAsks },
  { name: 'Migration20261206030000InvitationSubjectIndex', class: Migration20261206030000InvitationSubjectIndex },
];
