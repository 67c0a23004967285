// Route matching: literals, parameters, 404 versus 405.
#include "web/router.h"

#include <gtest/gtest.h>

namespace loa::web {
namespace {

TEST(RouterTest, MatchesLiteralsAndParameters) {
  Router<int> r;
  r.add("GET", "/api/v1/organisations", 1);
  r.add("GET", "/api/v1/organisations/:id", 2);
  r.add("POST", "/api/v1/organisations/:id/aliases", 3);
  auto m = r.match("GET", "/api/v1/organisations/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->value, 2);
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(r.match("GET", "/api/v1/organisations").route->value, 1);
  EXPECT_EQ(r.match("GET", "/api/v1/organisations/").route->value, 1);
  EXPECT_EQ(r.match("POST", "/api/v1/organisations/7/aliases").route->value, 3);
}

TEST(RouterTest, DistinguishesUnknownPathFromWrongMethod) {
  Router<int> r;
  r.add("GET", "/healthz", 1);
  r.add("POST", "/api/v1/auth/login", 2);
  auto wrong_method = r.match("DELETE", "/healthz");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_EQ(wrong_method.allowed, std::vector<std::string>{"GET"});
  auto unknown = r.match("GET", "/nowhere");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_TRUE(unknown.allowed.empty());
  EXPECT_EQ(r.match("GET", "/healthz/extra").route, nullptr);
}

TEST(RouterTest, SplitsPaths) {
  EXPECT_EQ(split_path("/a//b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(split_path("/").empty());
}

}  // namespace
}  // namespace loa::web
