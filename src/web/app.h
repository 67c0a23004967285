// File: web/app.h
//
// Loa's HTTP application: every route, and the checks that run before a handler —
// session cookie, role permission, CSRF token, JSON content type — so that no handler can
// forget them. Independent of the socket layer (server.h), so it is tested by calling
// handle() directly.
//
//   Application app({pool, auth, metrics, &ui, system_clock(), {}});
//   Response r = app.handle(request);
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/clock.h"
#include "store/pool.h"
#include "web/http.h"
#include "web/json.h"
#include "web/metrics.h"
#include "web/router.h"
#include "web/static_files.h"
#include "work/auth.h"
#include "work/mailer.h"
#include "work/plans.h"

namespace loa::web {

inline constexpr const char* kSessionCookie = "loa_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct AppOptions {
  bool secure_cookies = false;      // add "Secure" to the session cookie (serve over HTTPS)
  std::string soffice = "soffice";  // LibreOffice, which renders reports as PDF (export/pdf.h)
};

struct AppContext {
  store::Pool& pool;
  work::AuthService& auth;
  Metrics& metrics;
  const StaticFiles* ui = nullptr;  // null: no UI, API only
  const Clock& clock;
  AppOptions options;
  work::Repairer repairer = {};    // OCR repair for imported documents (none: kept raw)
  work::Mailer* mailer = nullptr;  // e-mail (--smtp-url); none: sending at once is refused
};

// What a handler gets: the request, path parameters, the leased database connection, and
// the signed-in user for routes that require one.
struct Call {
  Request& request;
  const PathParams& params;
  store::Database& db;
  const work::SignedInUser* user;  // null only on public routes
  AppContext& app;

  // The actor for audit records: the user plus the request's address and id.
  work::Actor actor() const;
};

using Handler = std::function<Response(Call&)>;

struct RouteSpec {
  Handler handler;
  bool requires_session = true;
  std::optional<work::Permission> permission;
  bool file_body = false;  // the body is an uploaded file, not JSON
  bool slow = false;       // long work: run off the event loop (Response::later)
};

class Application {
 public:
  explicit Application(AppContext context);

  Response handle(Request& request);
  // Records a finished request in the metrics (the server calls it, for every response).
  void observe(const Request& request, int status, double seconds);

 private:
  void add(std::string method, std::string pattern, RouteSpec spec);
  void add_routes();
  Response dispatch(Request& request);
  Response internal_failure(const Request& request, const std::exception& e);

  AppContext context_;
  Router<RouteSpec> router_;
};

// Session cookie for a fresh login, and the one that clears it.
std::string session_cookie(const std::string& token, std::int64_t max_age, bool secure);
std::string cleared_session_cookie(bool secure);

}  // namespace loa::web
