/** The route table: each page is its own chunk, loaded when first visited. */
import { createBrowserRouter } from 'react-router';
import { HomeByRole } from './HomeByRole.js';
import { Layout } from './Layout.js';
import { NotFoundPage } from './NotFoundPage.js';
import { routePatterns } from './paths.js';

export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    children: [
      { index: true, Component: HomeByRole },
      {
        path: routePatterns.registrations,
        lazy: () => import('../features/registrations/components/RegistrationsPage.js').then((m) => ({ Component: m.RegistrationsPage })),
      },
      {
        path: routePatterns.register,
        lazy: () => import('../features/registrations/components/RegisterDealPage.js').then((m) => ({ Component: m.RegisterDealPage })),
      },
      {
        path: routePatterns.registration,
        lazy: () => import('../features/registrations/components/RegistrationPage.js').then((m) => ({ Component: m.RegistrationPage })),
      },
      {
        path: routePatterns.scorecard,
        lazy: () => import('../features/scorecard/components/ScorecardPage.js').then((m) => ({ Component: m.ScorecardPage })),
      },
      {
        path: routePatterns.queue,
        lazy: () => import('../features/manager/components/ReviewQueuePage.js').then((m) => ({ Component: m.ReviewQueuePage })),
      },
      {
        path: routePatterns.conflicts,
        lazy: () => import('../features/manager/components/ConflictsPage.js').then((m) => ({ Component: m.ConflictsPage })),
      },
      {
        path: routePatterns.conflict,
        lazy: () => import('../features/manager/components/ConflictPage.js').then((m) => ({ Component: m.ConflictPage })),
      },
      {
        path: routePatterns.dealers,
        lazy: () => import('../features/setup/components/DealersPage.js').then((m) => ({ Component: m.DealersPage })),
      },
      {
        path: routePatterns.dealer,
        lazy: () => import('../features/manager/components/DealerPage.js').then((m) => ({ Component: m.DealerPage })),
      },
      {
        path: routePatterns.businessReview,
        lazy: () => import('../features/manager/components/BusinessReviewPage.js').then((m) => ({ Component: m.BusinessReviewPage })),
      },
      {
        path: routePatterns.ownBusinessReview,
        lazy: () => import('../features/manager/components/BusinessReviewPage.js').then((m) => ({ Component: m.BusinessReviewPage })),
      },
      {
        path: routePatterns.forecast,
        lazy: () => import('../features/manager/components/ForecastPage.js').then((m) => ({ Component: m.ForecastPage })),
      },
      {
        path: routePatterns.kpiUploads,
        lazy: () => import('../features/manager/components/KpiUploadPage.js').then((m) => ({ Component: m.KpiUploadPage })),
      },
      {
        path: routePatterns.apiClients,
        lazy: () => import('../features/integrations/components/ApiClientsPage.js').then((m) => ({ Component: m.ApiClientsPage })),
      },
      {
        path: routePatterns.webhooks,
        lazy: () => import('../features/integrations/components/WebhooksPage.js').then((m) => ({ Component: m.WebhooksPage })),
      },
      {
        path: routePatterns.agreement,
        lazy: () => import('../features/onboarding/components/AgreementPage.js').then((m) => ({ Component: m.AgreementPage })),
      },
      {
        path: routePatterns.users,
        lazy: () => import('../features/onboarding/components/UsersPage.js').then((m) => ({ Component: m.UsersPage })),
      },
      {
        path: routePatterns.applications,
        lazy: () => import('../features/onboarding/components/ApplicationsPage.js').then((m) => ({ Component: m.ApplicationsPage })),
      },
      {
        path: routePatterns.training,
        lazy: () => import('../features/training/components/TrainingPage.js').then((m) => ({ Component: m.TrainingPage })),
      },
      {
        path: routePatterns.deadLetters,
        lazy: () => import('../features/operations/components/DeadLettersPage.js').then((m) => ({ Component: m.DeadLettersPage })),
      },
      {
        path: routePatterns.quiz,
        lazy: () => import('../features/training/components/QuizPage.js').then((m) => ({ Component: m.QuizPage })),
      },
      {
        path: routePatterns.community,
        lazy: () => import('../features/community/components/CommunityPage.js').then((m) => ({ Component: m.CommunityPage })),
      },
      {
        path: routePatterns.question,
        lazy: () => import('../features/community/components/QuestionPage.js').then((m) => ({ Component: m.QuestionPage })),
      },
      {
        path: routePatterns.leads,
        lazy: () => import('../features/leads/components/LeadsPage.js').then((m) => ({ Component: m.LeadsPage })),
      },
      {
        path: routePatterns.newLead,
        lazy: () => import('../features/leads/components/NewLeadPage.js').then((m) => ({ Component: m.NewLeadPage })),
      },
      {
        path: routePatterns.lead,
        lazy: () => import('../features/leads/components/LeadPage.js').then((m) => ({ Component: m.LeadPage })),
      },
      {
        path: routePatterns.convertLead,
        lazy: () => import('../features/leads/components/ConvertLeadPage.js').then((m) => ({ Component: m.ConvertLeadPage })),
      },
      {
        path: routePatterns.products,
        lazy: () => import('../features/enablement/components/ProductsPage.js').then((m) => ({ Component: m.ProductsPage })),
      },
      {
        path: routePatterns.product,
        lazy: () => import('../features/enablement/components/ProductPage.js').then((m) => ({ Component: m.ProductPage })),
      },
      {
        path: routePatterns.priceList,
        lazy: () => import('../features/enablement/components/PriceListPage.js').then((m) => ({ Component: m.PriceListPage })),
      },
      {
        path: routePatterns.assetsAdmin,
        lazy: () => import('../features/enablement/components/AssetsAdminPage.js').then((m) => ({ Component: m.AssetsAdminPage })),
      },
      {
        path: routePatterns.priceListsAdmin,
        lazy: () => import('../features/enablement/components/PriceListsAdminPage.js').then((m) => ({ Component: m.PriceListsAdminPage })),
      },
      {
        path: routePatterns.funds,
        lazy: () => import('../features/funds/components/FundsPage.js').then((m) => ({ Component: m.FundsPage })),
      },
      {
        path: routePatterns.fundRequest,
        lazy: () => import('../features/funds/components/RequestFundsPage.js').then((m) => ({ Component: m.RequestFundsPage })),
      },
      {
        path: routePatterns.fundClaim,
        lazy: () => import('../features/funds/components/ClaimPage.js').then((m) => ({ Component: m.ClaimPage })),
      },
      {
        path: routePatterns.fundQueue,
        lazy: () => import('../features/funds/components/FundQueuePage.js').then((m) => ({ Component: m.FundQueuePage })),
      },
      {
        path: routePatterns.fundPayouts,
        lazy: () => import('../features/funds/components/PayoutsPage.js').then((m) => ({ Component: m.PayoutsPage })),
      },
      {
        path: routePatterns.fundBudgets,
        lazy: () => import('../features/funds/components/BudgetPage.js').then((m) => ({ Component: m.BudgetPage })),
      },
      {
        path: routePatterns.program,
        lazy: () => import('../features/setup/components/ProgramPage.js').then((m) => ({ Component: m.ProgramPage })),
      },
      {
        path: routePatterns.regions,
        lazy: () => import('../features/setup/components/CollectionPages.js').then((m) => ({ Component: m.RegionsPage })),
      },
      {
        path: routePatterns.setupProducts,
        lazy: () => import('../features/setup/components/CollectionPages.js').then((m) => ({ Component: m.ProductsPage })),
      },
      {
        path: routePatterns.territories,
        lazy: () => import('../features/setup/components/CollectionPages.js').then((m) => ({ Component: m.TerritoriesPage })),
      },
      {
        path: routePatterns.namedAccounts,
        lazy: () => import('../features/setup/components/CollectionPages.js').then((m) => ({ Component: m.NamedAccountsPage })),
      },
      {
        path: routePatterns.directRules,
        lazy: () => import('../features/setup/components/DirectRulesPage.js').then((m) => ({ Component: m.DirectRulesPage })),
      },
      { path: 'auth/callback', Component: HomeByRole },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
