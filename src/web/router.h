// File: web/router.h
//
// Maps (method, path) to a route. Patterns are literal segments and ":name" parameters:
//
//   Router<int> router;
//   router.add("GET", "/api/v1/organisations/:id", 7);
//   auto m = router.match("GET", "/api/v1/organisations/42");
//   // m.route->value == 7, m.params.at("id") == "42"
//
// A path that matches a pattern under another method gives `allowed` (for 405 + Allow);
// a path that matches nothing gives neither.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace loa::web {

using PathParams = std::map<std::string, std::string, std::less<>>;

std::vector<std::string_view> split_path(std::string_view path);

template <typename T>
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    T value;
  };
  struct Match {
    const Route* route = nullptr;
    PathParams params;
    std::vector<std::string> allowed;  // methods that would match this path
  };

  void add(std::string method, std::string pattern, T value) {
    std::vector<std::string> segments;
    for (std::string_view s : split_path(pattern)) segments.emplace_back(s);
    routes_.push_back(
        Route{std::move(method), std::move(pattern), std::move(segments), std::move(value)});
  }

  Match match(std::string_view method, std::string_view path) const {
    Match result;
    const std::vector<std::string_view> parts = split_path(path);
    for (const Route& route : routes_) {
      PathParams params;
      if (!matches(route, parts, params)) continue;
      if (route.method == method) {
        result.route = &route;
        result.params = std::move(params);
        return result;
      }
      result.allowed.push_back(route.method);
    }
    return result;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool matches(const Route& route, const std::vector<std::string_view>& parts,
                      PathParams& params) {
    if (route.segments.size() != parts.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = route.segments[i];
      if (!seg.empty() && seg[0] == ':') {
        if (parts[i].empty()) return false;
        params.emplace(seg.substr(1), std::string(parts[i]));
      } else if (seg != parts[i]) {
        return false;
      }
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace loa::web
