-- Loa schema 3: work tracking. Tasks get the statuses agencies report (chưa bắt đầu, đang
-- thực hiện, hoàn thành, không thực hiện được — "quá hạn" is derived from due_on), a version
-- for concurrent edits, and a parent for a group task fanned out to member organisations.
-- Progress updates, comments and contributions; uploaded files; the plan's reporting duties,
-- the report requests they generate per agency and period, the reports submitted for them;
-- in-app notifications (also the record of which reminders went out).

CREATE TABLE tasks_v3 (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  assignment_no   INTEGER NOT NULL,   -- position in the plan's assignments, from 1
  task_no         INTEGER NOT NULL,   -- position in the assignment's tasks, from 1
  organisation_id INTEGER REFERENCES organisations(id),  -- null for a group of agencies
  agency          TEXT NOT NULL,      -- as the plan names it
  role            TEXT NOT NULL CHECK (role IN ('lead', 'cooperate', 'implement')),
  text            TEXT NOT NULL,
  due             TEXT,               -- as the plan says: ISO date, or 'MM-DD' for a yearly date
  due_on          TEXT,               -- the ISO date it is due by (the plan's end when it says none)
  status          TEXT NOT NULL DEFAULT 'not_started'
                  CHECK (status IN ('not_started', 'in_progress', 'done', 'cannot_do')),
  status_reason   TEXT,               -- why it cannot be done
  progress        INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  parent_id       INTEGER REFERENCES tasks_v3(id) ON DELETE CASCADE,  -- the group task it came from
  version         INTEGER NOT NULL DEFAULT 1,  -- raised by every change; a stale one is refused
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
INSERT INTO tasks_v3 (id, plan_id, assignment_no, task_no, organisation_id, agency, role, text,
                      due, due_on, status, created_at, updated_at)
  SELECT id, plan_id, assignment_no, task_no, organisation_id, agency, role, text, due,
         CASE WHEN length(due) = 10 THEN due END,
         CASE status WHEN 'open' THEN 'not_started' WHEN 'cancelled' THEN 'cannot_do'
                     ELSE status END,
         created_at, updated_at
  FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v3 RENAME TO tasks;
CREATE UNIQUE INDEX tasks_position ON tasks(plan_id, assignment_no, task_no)
  WHERE parent_id IS NULL;
CREATE UNIQUE INDEX tasks_fanned_out ON tasks(parent_id, organisation_id)
  WHERE parent_id IS NOT NULL;
CREATE INDEX tasks_organisation ON tasks(organisation_id, status, due_on);
CREATE INDEX tasks_plan ON tasks(plan_id, organisation_id);
-- Covers the overdue dashboard's counts: late work by organisation, without the table.
CREATE INDEX tasks_due ON tasks(status, due_on, organisation_id, plan_id, role);

-- What happened to a task: progress with evidence, a comment, a cooperating agency's
-- contribution, a fan-out. Never changed once written: the task's history.
CREATE TABLE task_updates (
  id              INTEGER PRIMARY KEY,
  task_id         INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('progress', 'comment', 'contribution', 'assignment')),
  organisation_id INTEGER REFERENCES organisations(id),
  user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author          TEXT NOT NULL,      -- the user's name as it was
  text            TEXT NOT NULL DEFAULT '',
  status_from     TEXT,
  status_to       TEXT,
  progress        INTEGER,
  links_json      TEXT NOT NULL DEFAULT '[]',  -- evidence: [{"url", "title"}] (articles …)
  created_at      TEXT NOT NULL
);
CREATE INDEX task_updates_task ON task_updates(task_id, id);

-- Uploaded files, kept in the database so every server node sees them. Uploaded first, then
-- attached to one task update or report (owner); unattached ones belong to the uploader.
CREATE TABLE files (
  id              INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  uploaded_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  name            TEXT NOT NULL,
  content_type    TEXT NOT NULL,      -- decided from the content, not the name
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  data            BLOB NOT NULL,
  owner_kind      TEXT CHECK (owner_kind IN ('task_update', 'report')),
  owner_id        INTEGER,
  created_at      TEXT NOT NULL
);
CREATE INDEX files_owner ON files(owner_kind, owner_id);

-- The reports a plan demands ("báo cáo … trước ngày 10/12 hằng năm").
CREATE TABLE report_duties (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  duty_no     INTEGER NOT NULL,
  from_text   TEXT,
  from_organisation_id INTEGER REFERENCES organisations(id),  -- when "from" names one body;
                                    -- null: every agency with a task in the plan
  to_text     TEXT,
  via_text    TEXT,
  recurrence  TEXT NOT NULL CHECK (recurrence IN ('yearly', 'half_yearly', 'quarterly', 'monthly',
                'periodic', 'once', 'on_request')),
  due         TEXT,                   -- 'MM-DD' (yearly), ISO date, or null
  starts_on   TEXT NOT NULL,          -- requests are made for periods due from this day
  UNIQUE (plan_id, duty_no)
);

-- One report an agency owes: for a duty and period, or asked for ad hoc (duty_id null).
CREATE TABLE report_requests (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  duty_id         INTEGER REFERENCES report_duties(id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  title           TEXT NOT NULL,
  period          TEXT NOT NULL,      -- '2025', '2025-H1', '2025-Q4', '2025-10', or the ad hoc text
  period_from     TEXT,
  period_to       TEXT,
  due_on          TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'submitted', 'returned', 'accepted')),
  version         INTEGER NOT NULL DEFAULT 1,
  requested_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX report_requests_period ON report_requests(duty_id, organisation_id, period)
  WHERE duty_id IS NOT NULL;
CREATE INDEX report_requests_organisation ON report_requests(organisation_id, status, due_on);
CREATE INDEX report_requests_plan ON report_requests(plan_id, organisation_id);
CREATE INDEX report_requests_due ON report_requests(status, due_on, organisation_id, plan_id);

-- Each submission of a report; the coordinator's decision on it (returned with a comment,
-- or accepted). The latest revision is the report.
CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  request_id    INTEGER NOT NULL REFERENCES report_requests(id) ON DELETE CASCADE,
  revision      INTEGER NOT NULL,
  text          TEXT NOT NULL,
  figures_json  TEXT NOT NULL DEFAULT '{}',  -- {"articles_published": 12, "events_held": 3, …}
  submitted_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  submitter     TEXT NOT NULL,
  submitted_at  TEXT NOT NULL,
  decision      TEXT CHECK (decision IN ('returned', 'accepted')),
  comment       TEXT,
  decided_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at    TEXT,
  UNIQUE (request_id, revision)
);

-- In-app notifications. key makes each reminder go out once ("task:12:due-7:2025-12-10").
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,        -- task.assigned, report.requested, report.returned, report.submitted,
                                    -- report.accepted, reminder.due, reminder.overdue …
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  link        TEXT,                 -- the UI path, e.g. '/tasks/12'
  key         TEXT,
  created_at  TEXT NOT NULL,
  read_at     TEXT,
  emailed_at  TEXT
);
CREATE UNIQUE INDEX notifications_key ON notifications(user_id, key) WHERE key IS NOT NULL;
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);

-- Where reminders are e-mailed (optional).
ALTER TABLE users ADD COLUMN email TEXT;

-- Secret addresses of organisations' deadline calendars (iCalendar), for calendar apps that
-- subscribe without signing in. Only a hash of the token is kept; a new one replaces the old.
CREATE TABLE calendar_feeds (
  organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
  token_hash      TEXT NOT NULL UNIQUE,
  created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL
);
