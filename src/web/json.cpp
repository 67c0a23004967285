// JSON responses and request parsing.
#include "web/json.h"

namespace loa::web {

Response json_response(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  r.set_header("Content-Type", "application/json; charset=utf-8");
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response error_response(int status, std::string_view code, std::string_view message) {
  return json_response(status, Json{{"error", {{"code", code}, {"message", message}}}});
}

int http_status_for(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response error_response(const Status& status) {
  return error_response(http_status_for(status.code()), status_code_name(status.code()),
                        status.message());
}

Result<Json> parse_json_object(const Request& request) {
  std::string_view type = request.header("content-type");
  if (!type.starts_with("application/json")) {
    return Status(StatusCode::kInvalidArgument,
                  "request body must be JSON (Content-Type: application/json)");
  }
  Json body;
  try {
    body = Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    return invalid_argument(std::string("malformed JSON: ") + e.what());
  }
  if (!body.is_object()) return invalid_argument("request body must be a JSON object");
  return body;
}

Result<std::string> string_member(const Json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) {
    return invalid_argument(std::string("missing field '") + name + "'");
  }
  if (!it->is_string())
    return invalid_argument(std::string("field '") + name + "' must be a string");
  return it->get<std::string>();
}

}  // namespace loa::web
