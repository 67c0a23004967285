// GET /healthz and GET /metrics.
#include "web/handlers.h"

namespace loa::web {

Response handle_healthz(Call& call) {
  Status db = Status::ok();
  if (auto st = call.db.prepare("SELECT 1")) {
    db = st->run();
  } else {
    db = st.status();
  }
  Json body = {{"status", db ? "ok" : "unavailable"},
               {"database", db ? "ok" : db.message()},
               {"version", LOA_VERSION}};
  return json_response(db ? 200 : 503, body);
}

Response handle_metrics(Call& call) {
  Response r;
  r.body = call.app.metrics.render();
  r.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace loa::web
