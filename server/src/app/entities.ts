import { ApiToken, Session, User } from '../auth/auth.entity.js';
import { LeadershipCheckIn, LeadershipRelationship, ServiceAgreementVersion } from '../leadership/leadership-relationship.entity.js';
import { TrustSignal } from '../insights/trust-signal.entity.js';
import { Employee } from '../people/employee.entity.js';
import { Team } from '../teams/team.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { Referral, ReferralReward } from '../referrals/referral.entity.js';
import { Complaint, ComplaintEvent, Improvement, SlaPolicy } from '../complaints/complaint.entity.js';
import { ComplaintThreadLink } from '../complaints/complaint-mail.entity.js';
import { IdempotencyKey } from '../idempotency/idempotency.entity.js';
import { MailAddress, OutboxMessage } from '../mail/outbox.entity.js';
import { ReferralAsk } from '../referrals/referral-ask.entity.js';
import { TrustDigest } from '../insights/trust-digest.entity.js';
import { Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse, SurveyWave, SurveyWaveTeam } from '../surveys/survey.entity.js';

/**
 * Every entity of every feature, in one list, so the ORM, the migrations check and the schema
 * tooling agree. Composition: db/ only takes a list (see `openDatabase`), it knows no feature.
 */
export const entities = [Team, Employee, LeadershipRelationship, User, Session, ApiToken, Customer, Referral, ReferralReward, Improvement, SlaPolicy, Complaint, ComplaintEvent, Survey, SurveyQuestion, SurveyWave, SurveyInvitation, SurveyResponse, SurveyAnswer, SurveyWaveTeam, LeadershipCheckIn, ServiceAgreementVersion, TrustSignal, IdempotencyKey, OutboxMessage, MailAddress, ReferralAsk, TrustDigest, ComplaintThreadLink];
