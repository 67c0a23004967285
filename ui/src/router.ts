// Screens and their addresses. Every screen but sign-in needs a session.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session'
import LoginView from './views/login/LoginView.vue'
import AppLayout from './components/AppLayout.vue'
import OverviewView from './views/overview/OverviewView.vue'
import OrganisationsView from './views/admin/OrganisationsView.vue'
import PlansView from './views/plans/PlansView.vue'
import PlanDetailView from './views/plans/PlanDetailView.vue'
import TasksView from './views/work/TasksView.vue'
import TaskDetailView from './views/work/TaskDetailView.vue'
import ReportsView from './views/work/ReportsView.vue'
import ReportDetailView from './views/work/ReportDetailView.vue'
import PlanMatrixView from './views/work/PlanMatrixView.vue'
import OverdueView from './views/work/OverdueView.vue'
import NotificationsView from './views/work/NotificationsView.vue'
import AuditView from './views/admin/AuditView.vue'
import MonitoringView from './views/monitoring/MonitoringView.vue'
import NewsArticleView from './views/monitoring/NewsArticleView.vue'
import NewsDashboardView from './views/monitoring/NewsDashboardView.vue'
import NewsSourcesView from './views/monitoring/NewsSourcesView.vue'
import PressReviewView from './views/monitoring/PressReviewView.vue'
import PressView from './views/press/PressView.vue'
import ProgrammeView from './views/press/ProgrammeView.vue'
import ContractView from './views/press/ContractView.vue'

export const SECTIONS = [
  { name: 'overview', path: '' },
  { name: 'plans', path: 'plans' },
  { name: 'tasks', path: 'tasks' },
  { name: 'overdue', path: 'overdue' },
  { name: 'press', path: 'press' },
  { name: 'monitoring', path: 'monitoring' },
  { name: 'reports', path: 'reports' },
  { name: 'admin', path: 'admin' },
] as const

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'overview', component: OverviewView },
      { path: 'plans', name: 'plans', component: PlansView },
      { path: 'plans/:id(\\d+)', name: 'plan', component: PlanDetailView },
      { path: 'plans/:id(\\d+)/matrix', name: 'plan-matrix', component: PlanMatrixView },
      { path: 'tasks', name: 'tasks', component: TasksView },
      { path: 'tasks/:id(\\d+)', name: 'task', component: TaskDetailView },
      { path: 'overdue', name: 'overdue', component: OverdueView },
      { path: 'reports', name: 'reports', component: ReportsView },
      { path: 'reports/:id(\\d+)', name: 'report', component: ReportDetailView },
      { path: 'notifications', name: 'notifications', component: NotificationsView },
      { path: 'monitoring', name: 'monitoring', component: MonitoringView },
      { path: 'monitoring/dashboard', name: 'news-dashboard', component: NewsDashboardView },
      { path: 'monitoring/sources', name: 'news-sources', component: NewsSourcesView },
      { path: 'monitoring/review', name: 'press-review', component: PressReviewView },
      { path: 'monitoring/:id(\\d+)', name: 'news-article', component: NewsArticleView },
      { path: 'press', name: 'press', component: PressView },
      { path: 'press/programmes/new', name: 'programme-new', component: ProgrammeView },
      { path: 'press/programmes/:id(\\d+)', name: 'programme', component: ProgrammeView },
      { path: 'press/contracts/:id(\\d+)', name: 'contract', component: ContractView },
      { path: 'admin', name: 'admin', component: OrganisationsView },
      { path: 'admin/audit', name: 'audit', component: AuditView },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach((to) => {
  if (to.meta.public) return session.session && to.name === 'login' ? { name: 'overview' } : true
  if (!session.session) return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  return true
})
