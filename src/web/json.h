// File: web/json.h
//
// JSON request and response helpers. Errors always have the body
//   {"error": {"code": "invalid_argument", "message": "..."}}
// with an HTTP status that follows from the code.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "web/http.h"

namespace loa::web {

using Json = nlohmann::json;

Response json_response(int status, const Json& body);

// The value of an optional as JSON, null when empty.
Json optional_json(const auto& value) { return value ? Json(*value) : Json(nullptr); }
Response error_response(int status, std::string_view code, std::string_view message);
// The HTTP status and body for a non-OK Status.
Response error_response(const Status& status);
int http_status_for(StatusCode code);

// Parses a JSON object body; invalid_argument (400) when the body is not a JSON object, with
// the parser's position in the message. (Application checks the Content-Type first: 415.)
Result<Json> parse_json_object(const Request& request);

// A required string member of a JSON object; the message names the member.
Result<std::string> string_member(const Json& object, const char* name);

}  // namespace loa::web
