// The one typed client of Loa's JSON API (docs/API.md). Every call goes through `request`,
// which sends the session cookie, adds the CSRF token to state-changing requests, and turns
// error bodies {"error": {"code", "message"}} into ApiError.

export type Role = 'admin' | 'coordinator' | 'member' | 'leader'

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  organisation: { id: number; name: string }
}

export interface Session {
  user: User
  csrf_token: string
  expires_at: string
}

export interface Organisation {
  id: number
  code: string
  name: string
  short_name: string | null
  kind: string
  level: string
  parent_id: number | null
  valid_from: string | null
  valid_to: string | null
  aliases: string[]
  alias_entries: AliasEntry[]
  version: number
}

export type AliasKind = 'abbreviation' | 'former_name' | 'ocr' | 'other'

export interface AliasEntry {
  alias: string
  kind: AliasKind
}

// What refers to an organisation; one in use is ended (valid_to), not deleted.
export interface OrganisationUsage {
  tasks: number
  report_requests: number
  plans: number
  users: number
  files: number
  children: number
  successor_links: number
  other: number
  deletable: boolean
}

export interface OrganisationDetail extends Organisation {
  successors: SuccessorLink[]
  predecessors: SuccessorLink[]
  usage: OrganisationUsage
}

export type OrganisationEdit =
  Pick<Organisation, 'version' | 'name' | 'short_name' | 'kind' | 'level' | 'parent_id' | 'valid_from' | 'valid_to'> & {
    aliases: AliasEntry[]
    successors: { successor_id: number; scope: string; effective_on: string }[]
  }

export interface RollupSums {
  requests: number
  accepted: number
  submitted: number
  returned: number
  pending: number
  overdue: number
  figures_accepted: Record<string, number>
  figures_submitted: Record<string, number>
}

export interface RollupPeriod {
  period: string
  period_from: string
  total: RollupSums
  levels: Partial<Record<'commune' | 'province' | 'other', RollupSums>>
  organisations: {
    request_id: number
    organisation_id: number
    organisation: string
    level: string
    status: RequestStatus
    overdue: boolean
    due_on: string
    figures: Record<string, number>
  }[]
}

export interface ReportRollup {
  plan_id: number
  today: string
  fields: { key: string; label: string }[]
  periods: RollupPeriod[]
  children: {
    plan: { id: number; title: string; document_id: string | null; organisation: string; level: string }
    periods: RollupPeriod[]
  }[]
}

export type Coverage = 'covered' | 'partial' | 'uncovered'

export interface CoverageSummary {
  topics_total: number
  topics_covered: number
  topics_partial: number
  duties_total: number
  duties_covered: number
}

// How far a plan takes up the topics and reporting duties of a plan it implements.
export interface ParentCoverage extends CoverageSummary {
  plan: { id: number; title: string; document_id: string | null; status: string }
  topics: {
    number: string
    title: string
    line: number
    coverage: Coverage
    share: number
    matched_terms: string[]
    covered_by: { number: string; text: string; line: number }[]
  }[]
  duties: {
    duty: { from?: string | null; to?: string | null; via?: string | null; recurrence?: string; due?: string | null }
    coverage: Coverage
    by: { recurrence?: string; due?: string | null } | null
    reason: string
  }[]
}

export interface RegistryImport {
  created: number
  updated: number
  unchanged: number
  errors: string[]
  ignored_columns: string[]
  applied: boolean
  dry_run: boolean
}

export interface SuccessorLink {
  predecessor_id: number
  successor_id: number
  scope: string
  effective_on: string
}

export interface Registry {
  as_of: string | null
  organisations: Organisation[]
  successors: SuccessorLink[]
}

export type PlanStatus = 'draft' | 'active' | 'archived'
export type PlanRole = 'lead' | 'cooperate' | 'implement'

export interface PlanSummary {
  id: number
  organisation_id: number
  status: PlanStatus
  document_id: string | null
  type: string | null
  issuer: string | null
  issued_on: string | null
  year: number | null
  title: string
  period: { from: string; to: string | null } | null
  source_name: string
  source_format: string
  source_ocr: boolean
  created_at: string
  updated_at: string
  activated_at: string | null
}

export interface CitedDocument {
  id: string
  date: string | null
  issuer: string | null
}

export interface PlanTask {
  text: string
  due: string | null
  line?: number
}

export interface PlanAssignment {
  agency: string
  organisation_id: number | null
  parts: { agency: string; organisation_id: number | null }[]
  group: boolean
  successors: { organisation_id: number; name: string; scope: string }[]
  role: PlanRole
  requested: boolean
  line?: number
  tasks: PlanTask[]
}

export interface ReportingDuty {
  from: string | null
  to: string | null
  via: string | null
  recurrence: string | null
  due: string | null
  line?: number
}

// The structure of docs/plan-schema.md.
export interface PlanStructure {
  document: {
    type: string | null
    number: string | null
    symbol: string | null
    issuer: string | null
    place: string | null
    date: string | null
    year: number | null
    title: string
    signer: { name: string | null; capacity: string | null }
    recipients: string[]
  }
  basis: CitedDocument[]
  references: CitedDocument[]
  period: { from: string; to: string } | null
  sections: { number: string; title: string; line?: number }[]
  topics: { number: string; title: string; line?: number }[]
  assignments: PlanAssignment[]
  reporting: ReportingDuty[]
  looks_like_plan: boolean
  secrecy: string | null
  proposed_organisations: string[]
  notes: string[]
}

export interface PlanLink {
  id: number
  title: string
  document_id: string | null
  status: PlanStatus
}

export interface PlanDetail extends PlanSummary {
  structure: PlanStructure
  source_text: string
  review: { offset: number; length: number; confidence: number }[]
  citations: (CitedDocument & { basis: boolean; plans: PlanLink[] })[]
  implemented_by: (PlanLink & { coverage?: CoverageSummary })[]
  tasks: {
    id: number
    assignment_no: number
    task_no: number
    organisation_id: number | null
    agency: string
    role: PlanRole
    text: string
    due: string | null
    status: string
  }[]
}

export interface PlanFilter {
  q?: string
  status?: string
  year?: string
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'cannot_do'

export interface Task {
  id: number
  plan_id: number
  plan_title: string
  plan_document_id: string | null
  assignment_no: number
  task_no: number
  organisation_id: number | null
  organisation: string | null
  agency: string
  role: PlanRole
  text: string
  due: string | null
  due_on: string | null
  status: TaskStatus
  overdue: boolean
  reason: string | null
  progress: number
  parent_id: number | null
  version: number
  updated_at: string
}

export interface StoredFile {
  id: number
  name: string
  content_type: string
  size: number
  sha256: string
  url: string
}

export interface EvidenceLink {
  url: string
  title?: string
}

export interface TaskUpdate {
  id: number
  kind: 'progress' | 'comment' | 'contribution' | 'assignment' | 'deadline'
  organisation_id: number | null
  author: string
  text: string
  status_from: TaskStatus | null
  status_to: TaskStatus | null
  due_from: string | null
  due_to: string | null
  progress: number | null
  links: EvidenceLink[]
  files: StoredFile[]
  created_at: string
}

export interface TaskDetail extends Task {
  can: { update: boolean; comment: boolean; contribute: boolean; fan_out: boolean; move_deadline: boolean }
  updates: TaskUpdate[]
  children: Task[]
}

export interface TaskChange {
  kind?: 'progress' | 'comment' | 'contribution' | 'deadline'
  version?: number
  due_on?: string | null
  status?: TaskStatus
  reason?: string
  progress?: number
  text?: string
  links?: EvidenceLink[]
  files?: number[]
}

export type RequestStatus = 'pending' | 'submitted' | 'returned' | 'accepted'

export interface ReportRequest {
  id: number
  plan_id: number
  plan_title: string
  duty_id: number | null
  organisation_id: number
  organisation: string
  title: string
  period: string
  period_from: string | null
  period_to: string | null
  due_on: string
  status: RequestStatus
  overdue: boolean
  version: number
  updated_at: string
}

export interface ReportRevision {
  revision: number
  text: string
  figures: Record<string, number>
  submitter: string
  submitted_at: string
  decision: 'returned' | 'accepted' | null
  comment: string | null
  decided_at: string | null
  files: StoredFile[]
}

export interface ReportRequestDetail extends ReportRequest {
  reports: ReportRevision[]
  figure_fields: { key: string; label: string }[]
  can: { submit: boolean; decide: boolean }
}

export interface TaskCounts {
  total: number
  not_started: number
  in_progress: number
  done: number
  cannot_do: number
  overdue: number
  completion: number
}

export interface ReportCounts {
  total: number
  pending: number
  submitted: number
  returned: number
  accepted: number
  overdue: number
}

export interface PlanMatrix {
  plan: { id: number; title: string; document_id: string | null; status: PlanStatus }
  today: string
  columns: { assignment_no: number; task_no: number; label: string; agency: string; role: PlanRole; group: boolean; text: string }[]
  rows: {
    organisation_id: number
    name: string
    cells: { column: number; task_id: number; status: TaskStatus; overdue: boolean; progress: number; due_on: string | null }[]
    reports: { request_id: number; title: string; period: string; status: RequestStatus; due_on: string; overdue: boolean }[]
    tasks: TaskCounts
    report_counts: ReportCounts
  }[]
  tasks: TaskCounts
  reports: ReportCounts
}

export interface LateItem {
  id: number
  plan_id: number
  plan_title: string
  organisation_id: number
  organisation: string
  text?: string
  title?: string
  status: string
  due_on: string
  days_late: number
}

export interface OverdueDashboard {
  today: string
  tasks_overdue: number
  reports_overdue: number
  by_organisation: { organisation_id: number; name: string; tasks_overdue: number; reports_overdue: number; most_days_late: number }[]
  tasks: LateItem[]
  reports: LateItem[]
}

export interface AuditEntry {
  id: number
  at: string
  username: string | null
  organisation_id: number | null
  action: string
  entity: string
  entity_id: string | null
  before: unknown
  after: unknown
  remote_addr: string | null
}

export interface AuditFilter {
  user?: string
  action?: string
  entity?: string
  from?: string
  to?: string
  before?: number
}

export function auditQuery(filter: AuditFilter, csv = false): string {
  return query({ ...filter, format: csv ? 'csv' : undefined })
}

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  created_at: string
  read_at: string | null
}

// The press (docs/API.md, "News").
export interface NewsTopic {
  plan_id: number
  topic_no: number
  title: string
  status: 'suggested' | 'confirmed' | 'rejected'
  terms: string[]
  score: number
}

export interface NewsCopy {
  id: number
  url: string
  outlet: string
  published: string | null
}

export interface NewsItem {
  id: number
  url: string
  title: string
  outlet: string
  published: string | null
  fetched: string
  snippet?: string
  score: number
  category: string | null
  risk: 'false_information' | 'negative' | null
  risk_status: 'flagged' | 'confirmed' | 'dismissed' | null
  relevance: number
  topics: NewsTopic[]
  duplicates: NewsCopy[]
}

export interface NewsDetail extends NewsItem {
  text: string
  author: string | null
  language: string
  category_by: 'model' | 'person' | null
  places: { name: string; count: number }[]
  risk_terms: string[]
  risk_by: 'lexicon' | 'model' | 'person' | null
  story_id: number
  source: { id: number; name: string | null } | null
  page: { url: string; encoding: string | null; bytes: number | null } | null
  can: { decide: boolean }
}

export interface NewsFilter {
  q?: string
  outlet?: string
  category?: string
  from?: string
  to?: string
  flagged?: boolean
  about_city?: boolean
  plan_id?: number
  topic_no?: number
  order?: 'newest' | 'relevance'
  limit?: number
  offset?: number
}

// A saved search: the stream's filters (as query parameters) and how new matches are told.
export interface SavedSearch {
  id: number
  name: string
  params: Record<string, string>
  alert: boolean
  email: boolean
  alerts: number
  last_alert_at: string | null
  created_at: string
  updated_at: string
}

export interface SavedSearchInput {
  name: string
  params: Record<string, string | number | boolean>
  alert: boolean
  email: boolean
}

// Why an article may prove a task: a topic of its plan, its agency named, shared terms.
export interface EvidenceReason {
  kind: 'topic' | 'agency' | 'terms'
  detail: string
}

export interface TaskSuggestion extends Task {
  score: number
  reasons: EvidenceReason[]
  attached: boolean
}

export interface EvidenceArticle {
  id: number
  url: string
  title: string
  outlet: string
  published: string | null
  snippet: string
  category: string | null
  risk: string | null
  score?: number
  reasons?: EvidenceReason[]
}

export interface NewsDashboard {
  from: string
  to: string
  per_topic: { plan_id: number; plan_title: string; topic_no: number; title: string; stories: number }[]
  per_outlet: { outlet: string; articles: number }[]
  per_week: { week: string; articles: number }[]
  flagged: NewsItem[]
  flagged_total: number
  top_stories: (NewsItem & { outlets: number })[]
}

export interface NewsSource {
  id: number
  name: string
  url: string
  kind: 'feed' | 'sitemap' | 'page'
  language: string
  organisation_id: number | null
  poll_seconds: number
  interval_seconds: number
  last_polled_at: string | null
  last_new_at: string | null
  next_poll_at: string | null
  last_status: number | null
  failures: number
  last_error: string | null
  articles: number
  active: boolean
  health: 'ok' | 'failing' | 'silent' | 'new' | 'paused'
  health_reason: string
}

// Media cooperation (docs/API.md "Media cooperation"): programmes, contracts, deliverables.
export type ProgrammeStatus = 'draft' | 'appraisal' | 'approval' | 'approved'
export type DeliverableKindKey = 'article' | 'reportage' | 'video' | 'column' | 'talk'
export type ProgrammeAction = 'submit' | 'appraise' | 'approve' | 'return'

export interface Programme {
  id: number
  year: number
  title: string
  plan_id: number | null
  plan_title: string | null
  organisation_id: number
  organisation_name: string
  appraiser_id: number
  appraiser_name: string
  approver_id: number
  approver_name: string
  status: ProgrammeStatus
  budget: number
  decision_no: string | null
  decision_date: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface ProgrammeLine {
  id: number
  line_no: number
  outlet_id: number
  outlet_name: string
  topic_no: number | null
  content: string
  kind: DeliverableKindKey
  kind_label: string
  quantity: number
  unit_price: number
  amount: number
  ordered: number
  accepted: number
}

export interface ProgrammeStep {
  action: ProgrammeAction
  from: ProgrammeStatus
  to: ProgrammeStatus
  comment: string
  document_no: string | null
  document_date: string | null
  organisation_name: string
  author: string
  at: string
}

export interface Contract {
  id: number
  programme_id: number
  programme_title: string
  outlet_id: number
  outlet_name: string
  number: string
  signed_on: string
  starts_on: string
  ends_on: string
  value: number
  status: 'active' | 'terminated'
  version: number
  ordered?: number
  accepted?: number
  accepted_amount: number
  late: number
  due_soon: number
}

export interface ProgrammeDetail extends Programme {
  lines: ProgrammeLine[]
  steps: ProgrammeStep[]
  contracts: Contract[]
  settlement: { budget: number; contracted: number; accepted_amount: number; uncommitted: number }
  can: ('edit' | 'submit' | 'appraise' | 'approve' | 'return' | 'contract')[]
}

export interface ProgrammeInput {
  year: number
  title?: string
  plan_id?: number | null
  budget?: number
  version?: number
  lines: { outlet_id: number; topic_no?: number | null; content?: string; kind: DeliverableKindKey;
           quantity: number; unit_price: number }[]
}

export interface ContractInput {
  outlet_id: number
  number: string
  signed_on: string
  starts_on: string
  ends_on: string
  value: number
  items: { line_id: number; quantity: number; unit_price?: number; due_on?: string }[]
  files?: number[]
}

export interface ContractItem {
  id: number
  item_no: number
  line_id: number
  kind: DeliverableKindKey
  kind_label: string
  topic_no: number | null
  content: string
  quantity: number
  unit_price: number
  amount: number
  due_on: string
  proposed: number
  accepted: number
  rejected: number
  accepted_amount: number
  flag: 'late' | 'due_soon' | null
}

export interface Deliverable {
  id: number
  item_id: number
  article_id: number
  title: string
  url: string
  outlet: string
  published: string | null
  origin: 'match' | 'outlet' | 'coordinator'
  status: 'proposed' | 'accepted' | 'rejected'
  score: number
  reasons: { kind: 'outlet' | 'period' | 'topic' | 'kind'; detail: string }[]
  comment: string | null
  decided_at: string | null
}

export interface ContractDetail extends Contract {
  items: ContractItem[]
  deliverables: Deliverable[]
  files: { id: number; name: string; content_type: string; size: number }[]
  settlement: { value: number; ordered: number; accepted: number; accepted_amount: number;
                late: number; due_soon: number }
  can: ('decide' | 'offer')[]
  proposed_now?: number
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue
    q.set(key, value === true ? '1' : String(value))
  }
  const text = q.toString()
  return text ? '?' + text : ''
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

let csrfToken = ''

export function setCsrfToken(token: string): void {
  csrfToken = token
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const file = body instanceof Blob
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = file ? body.type || 'application/octet-stream' : 'application/json'
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : file ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', 'network error')
  }
  const text = await response.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      throw new ApiError(response.status, 'bad_response', `not JSON: ${text.slice(0, 80)}`)
    }
  }
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status,
                       error?.message ?? response.statusText, data)
  }
  return data as T
}

// A generated file (POST with a JSON body), with the name the server gives it.
export async function requestFile(path: string, body: unknown): Promise<{ blob: Blob; name: string }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) })
  } catch {
    throw new ApiError(0, 'network', 'network error')
  }
  if (!response.ok) {
    let error: { code?: string; message?: string } | undefined
    try {
      error = ((await response.json()) as { error?: { code?: string; message?: string } }).error
    } catch {
      error = undefined
    }
    throw new ApiError(response.status, error?.code ?? 'http_' + response.status, error?.message ?? response.statusText)
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'bao-cao'
  return { blob: await response.blob(), name }
}

export interface PressReviewItem {
  article_id: number
  title: string
  outlet: string
  url: string
  published: string | null
  topic: string
  summary: string
  flagged: boolean
}

export interface PressReviewSettings {
  recipients: string[]
  send_at: string
  enabled: boolean
}

export interface PressReview {
  date: string
  version: number
  sent_at: string | null
  sent_to: number
  items: PressReviewItem[]
  settings: PressReviewSettings
}

export interface YearlyReportInput {
  year: number
  plan_id: number | null
  format: 'docx' | 'pdf'
  number: string
  date: string
  authority: string
  signer_title: string
  signer_name: string
  recipients: string[]
  assessment: string
  proposals: string
}

export const api = {
  yearlyReport: (input: YearlyReportInput) => requestFile('/api/v1/reports/yearly', input),
  pressReview: (date: string) => request<PressReview>('GET', '/api/v1/press-review' + query({ date })),
  savePressReview: (date: string, version: number, items: Pick<PressReviewItem, 'article_id' | 'topic' | 'summary' | 'flagged'>[]) =>
    request<PressReview>('PUT', '/api/v1/press-review' + query({ date }), { version, items }),
  addToPressReview: (date: string, articleId: number) =>
    request<PressReview>('POST', '/api/v1/press-review/items' + query({ date }), { article_id: articleId }),
  savePressReviewSettings: (settings: PressReviewSettings) =>
    request<PressReview>('PUT', '/api/v1/press-review/settings', settings),
  sendPressReview: (date: string) =>
    request<PressReview & { sent_now: number }>('POST', '/api/v1/press-review/send' + query({ date })),
  pressReviewDocumentUrl: (date: string, format: 'docx' | 'pdf') =>
    '/api/v1/press-review/document' + query({ date, format }),
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/v1/auth/login', { username, password }),
  logout: () => request<{ signed_out: boolean }>('POST', '/api/v1/auth/logout', {}),
  me: () => request<Session>('GET', '/api/v1/me'),
  organisations: (asOf?: string) =>
    request<Registry>('GET', '/api/v1/organisations' + (asOf ? `?as_of=${encodeURIComponent(asOf)}` : '')),
  plans: (filter: PlanFilter = {}) => {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value)
    const qs = query.toString()
    return request<{ plans: PlanSummary[] }>('GET', '/api/v1/plans' + (qs ? '?' + qs : ''))
  },
  createOrganisation: (org: { name: string; short_name?: string | null; kind?: string; level?: string;
                               parent_id?: number | null }) =>
    request<OrganisationDetail>('POST', '/api/v1/organisations', org),
  organisation: (id: number) => request<OrganisationDetail>('GET', `/api/v1/organisations/${id}`),
  updateOrganisation: (id: number, edit: OrganisationEdit) =>
    request<OrganisationDetail>('PUT', `/api/v1/organisations/${id}`, edit),
  deleteOrganisation: (id: number) => request<null>('DELETE', `/api/v1/organisations/${id}`),
  // A list's address answering with an XLSX workbook of the same rows.
  xlsxUrl: (path: string, filter: Record<string, string | number | boolean | undefined> = {}) =>
    path + query({ ...filter, format: 'xlsx', offset: undefined, limit: undefined }),
  registryExportUrl: (format: 'csv' | 'xlsx', asOf?: string) =>
    '/api/v1/organisations/export' + query({ format, as_of: asOf }),
  importRegistry: (file: File, dryRun: boolean) =>
    request<RegistryImport>('POST', '/api/v1/organisations/import' + query({ dry_run: dryRun }), file),
  plan: (id: number) => request<PlanDetail>('GET', `/api/v1/plans/${id}`),
  cascade: (id: number) => request<{ plan_id: number; parents: ParentCoverage[] }>('GET', `/api/v1/plans/${id}/cascade`),
  uploadPlan: (file: File) =>
    request<PlanDetail>('POST', `/api/v1/plans?name=${encodeURIComponent(file.name)}`, file),
  savePlan: (id: number, structure: PlanStructure) =>
    request<PlanDetail>('PUT', `/api/v1/plans/${id}`, structure),
  activatePlan: (id: number) => request<PlanDetail>('POST', `/api/v1/plans/${id}/activate`, {}),
  tasks: (filter: { plan?: number; status?: string; mine?: boolean } = {}) =>
    request<{ tasks: Task[]; today: string }>('GET', '/api/v1/tasks' + query(filter)),
  task: (id: number) => request<TaskDetail>('GET', `/api/v1/tasks/${id}`),
  changeTask: (id: number, change: TaskChange) =>
    request<TaskDetail>('POST', `/api/v1/tasks/${id}/updates`, change),
  fanOut: (planId: number, assignmentNo: number, organisationIds: number[]) =>
    request<{ tasks_created: number }>('POST', `/api/v1/plans/${planId}/assignments/${assignmentNo}/organisations`,
      { organisation_ids: organisationIds }),
  uploadFile: (file: File) =>
    request<StoredFile>('POST', `/api/v1/files?name=${encodeURIComponent(file.name)}`, file),
  matrix: (planId: number) => request<PlanMatrix>('GET', `/api/v1/plans/${planId}/matrix`),
  reportRollup: (planId: number) => request<ReportRollup>('GET', `/api/v1/plans/${planId}/report-rollup`),
  overdue: () => request<OverdueDashboard>('GET', '/api/v1/overdue'),
  reportRequests: (filter: { plan?: number; status?: string; mine?: boolean } = {}) =>
    request<{ requests: ReportRequest[]; today: string }>('GET', '/api/v1/report-requests' + query(filter)),
  reportRequest: (id: number) => request<ReportRequestDetail>('GET', `/api/v1/report-requests/${id}`),
  submitReport: (id: number, report: { version: number; text: string; figures: Record<string, number>; files: number[] }) =>
    request<ReportRequestDetail>('POST', `/api/v1/report-requests/${id}/submit`, report),
  decideReport: (id: number, decision: { version: number; decision: 'accept' | 'return'; comment?: string }) =>
    request<ReportRequestDetail>('POST', `/api/v1/report-requests/${id}/decision`, decision),
  requestReports: (planId: number, body: { title: string; due_on: string; organisation_ids?: number[] }) =>
    request<{ request_ids: number[] }>('POST', `/api/v1/plans/${planId}/report-requests`, body),
  audit: (filter: AuditFilter) => request<{ entries: AuditEntry[] }>('GET', '/api/v1/audit' + auditQuery(filter)),
  renewCalendar: () => request<{ url: string }>('POST', '/api/v1/calendar-feed', {}),
  news: (filter: NewsFilter = {}) =>
    request<{ results: NewsItem[]; total: number; total_estimated?: boolean; limit: number; offset: number }>('GET', '/api/v1/news' + query({ ...filter })),
  newsItem: (id: number) => request<NewsDetail>('GET', `/api/v1/news/${id}`),
  decideNewsTopic: (id: number, planId: number, topicNo: number, decision: 'confirm' | 'reject') =>
    request<NewsDetail>('POST', `/api/v1/news/${id}/topics`, { plan_id: planId, topic_no: topicNo, decision }),
  setNewsCategory: (id: number, category: string) =>
    request<NewsDetail>('POST', `/api/v1/news/${id}/category`, { category }),
  decideNewsRisk: (id: number, decision: 'confirm' | 'dismiss', kind?: 'negative' | 'false_information') =>
    request<NewsDetail>('POST', `/api/v1/news/${id}/risk`, kind ? { decision, kind } : { decision }),
  newsDashboard: (from?: string, to?: string) =>
    request<NewsDashboard>('GET', '/api/v1/news/dashboard' + query({ from, to })),
  newsSources: () => request<{ sources: NewsSource[] }>('GET', '/api/v1/news/sources'),
  addNewsSource: (source: { name: string; url: string; kind: string; poll_seconds: number;
                            organisation_id: number | null }) =>
    request<NewsSource>('POST', '/api/v1/news/sources', source),
  savedSearches: () => request<{ searches: SavedSearch[] }>('GET', '/api/v1/news/searches'),
  createSavedSearch: (input: SavedSearchInput) => request<SavedSearch>('POST', '/api/v1/news/searches', input),
  updateSavedSearch: (id: number, input: SavedSearchInput) =>
    request<SavedSearch>('PUT', `/api/v1/news/searches/${id}`, input),
  deleteSavedSearch: (id: number) => request<null>('DELETE', `/api/v1/news/searches/${id}`),
  newsTasks: (id: number) => request<{ tasks: TaskSuggestion[] }>('GET', `/api/v1/news/${id}/tasks`),
  attachNews: (id: number, taskId: number, note = '') =>
    request<{ task_id: number; article_id: number; update_id: number }>('POST', `/api/v1/news/${id}/evidence`, { task_id: taskId, note }),
  taskEvidence: (taskId: number) =>
    request<{ articles: EvidenceArticle[]; suggestions: EvidenceArticle[] }>('GET', `/api/v1/tasks/${taskId}/evidence`),
  pollNewsSource: (id: number) => request<NewsSource>('POST', `/api/v1/news/sources/${id}/poll`, {}),
  programmes: (year?: number) =>
    request<{ programmes: Programme[]; kinds: { key: DeliverableKindKey; label: string }[] }>(
      'GET', '/api/v1/cooperation/programmes' + query({ year })),
  createProgramme: (input: ProgrammeInput) =>
    request<ProgrammeDetail>('POST', '/api/v1/cooperation/programmes', input),
  programme: (id: number) => request<ProgrammeDetail>('GET', `/api/v1/cooperation/programmes/${id}`),
  updateProgramme: (id: number, input: ProgrammeInput) =>
    request<ProgrammeDetail>('PUT', `/api/v1/cooperation/programmes/${id}`, input),
  programmeStep: (id: number, step: { action: ProgrammeAction; version: number; comment?: string;
                                      document_no?: string; document_date?: string }) =>
    request<ProgrammeDetail>('POST', `/api/v1/cooperation/programmes/${id}/steps`, step),
  createContract: (programmeId: number, input: ContractInput) =>
    request<ContractDetail>('POST', `/api/v1/cooperation/programmes/${programmeId}/contracts`, input),
  contracts: () => request<{ contracts: Contract[] }>('GET', '/api/v1/cooperation/contracts'),
  contract: (id: number) => request<ContractDetail>('GET', `/api/v1/cooperation/contracts/${id}`),
  matchContract: (id: number) =>
    request<ContractDetail>('POST', `/api/v1/cooperation/contracts/${id}/match`, {}),
  offerDeliverable: (id: number, itemId: number, url: string) =>
    request<ContractDetail>('POST', `/api/v1/cooperation/contracts/${id}/deliverables`, { item_id: itemId, url }),
  decideDeliverable: (id: number, decision: 'accept' | 'reject', comment = '') =>
    request<ContractDetail>('POST', `/api/v1/cooperation/deliverables/${id}/decision`,
                            comment ? { decision, comment } : { decision }),
  notifications: (unread = false) =>
    request<{ notifications: Notification[]; unread: number }>('GET', '/api/v1/notifications' + query({ unread })),
  readNotifications: (id?: number) =>
    request<{ marked: number }>('POST', '/api/v1/notifications/read', id === undefined ? {} : { id }),
}
