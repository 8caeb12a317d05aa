import * as analytics from './analytics';
import * as audit from './audit';
import * as cases from './cases';
import * as clients from './clients';
import * as invitations from './invitations';
import * as models from './models';
import * as responses from './responses';
import * as reviews from './reviews';
import * as sentiment from './sentiment';
import * as surveys from './surveys';
import * as system from './system';
import * as topics from './topics';
import * as users from './users';

/** Every endpoint of the public API; the OpenAPI document lists exactly these. */
export const endpoints = [
	system.health,
	system.openApiDocument,
	system.me,
	users.listUsers,
	users.inviteUser,
	clients.listClients,
	clients.createClient,
	clients.getClient,
	clients.updateClient,
	clients.eraseClient,
	clients.exportClient,
	clients.bulkClients,
	clients.listSegments,
	models.listModels,
	models.createModel,
	models.createModelVersion,
	topics.listTopics,
	topics.createTopic,
	topics.replaceTopic,
	topics.deleteTopic,
	surveys.listSurveys,
	surveys.createSurvey,
	surveys.getSurvey,
	surveys.replaceSurvey,
	surveys.openSurvey,
	surveys.closeSurvey,
	responses.importResponses,
	reviews.importReviews,
	reviews.listReviews,
	invitations.createInvitation,
	cases.listCases,
	cases.getCase,
	cases.updateCase,
	analytics.csiAnalytics,
	sentiment.sentimentAnalytics,
	sentiment.scoreTexts,
	audit.listAudit
];
