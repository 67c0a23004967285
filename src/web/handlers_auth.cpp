// Sign-in, sign-out and the signed-in user.
#include "web/handlers.h"

namespace loa::web {

Json user_json(const work::SignedInUser& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", work::role_name(user.role)},
          {"organisation", {{"id", user.organisation_id}, {"name", user.organisation_name}}}};
}

namespace {
Json session_json(const work::SignedInUser& user) {
  return {{"user", user_json(user)},
          {"csrf_token", user.csrf_token},
          {"expires_at", format_utc(user.session_expires_at)}};
}
}  // namespace

Response handle_login(Call& call) {
  auto body = parse_json_object(call.request);
  if (!body) return error_response(body.status());
  auto username = string_member(*body, "username");
  if (!username) return error_response(username.status());
  auto password = string_member(*body, "password");
  if (!password) return error_response(password.status());

  auto result = call.app.auth.login(call.db, *username, *password, call.actor());
  if (!result) return error_response(result.status());
  call.request.username = result->user.username;
  Response r = json_response(200, session_json(result->user));
  r.set_header("Set-Cookie",
               session_cookie(result->token, call.app.auth.config().session_ttl_seconds,
                              call.app.options.secure_cookies));
  return r;
}

Response handle_logout(Call& call) {
  const std::string token = cookie_value(call.request.header("cookie"), kSessionCookie);
  Status s = call.app.auth.logout(call.db, token, call.actor());
  if (!s) return error_response(s);
  Response r = json_response(200, Json{{"signed_out", true}});
  r.set_header("Set-Cookie", cleared_session_cookie(call.app.options.secure_cookies));
  return r;
}

Response handle_me(Call& call) { return json_response(200, session_json(*call.user)); }

}  // namespace loa::web
