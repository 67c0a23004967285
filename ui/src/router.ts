// Screens and their addresses. Every screen but sign-in needs a session.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session } from './session'
import LoginView from './views/login/LoginView.vue'
import AppLayout from './components/AppLayout.vue'
import OverviewView from './views/overview/OverviewView.vue'
import OrganisationsView from './views/admin/OrganisationsView.vue'
import UpcomingView from './views/upcoming/UpcomingView.vue'
import PlansView from './views/plans/PlansView.vue'
import PlanDetailView from './views/plans/PlanDetailView.vue'

export const SECTIONS = [
  { name: 'overview', path: '' },
  { name: 'plans', path: 'plans' },
  { name: 'tasks', path: 'tasks' },
  { name: 'press', path: 'press' },
  { name: 'monitoring', path: 'monitoring' },
  { name: 'reports', path: 'reports' },
  { name: 'admin', path: 'admin' },
] as const

const upcoming = ['tasks', 'press', 'monitoring', 'reports'] as const

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'overview', component: OverviewView },
      { path: 'plans', name: 'plans', component: PlansView },
      { path: 'plans/:id(\\d+)', name: 'plan', component: PlanDetailView },
      ...upcoming.map((section) => ({
        path: section,
        name: section,
        component: UpcomingView,
        props: { section },
      })),
      { path: 'admin', name: 'admin', component: OrganisationsView },
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
