// Request helpers: headers, query parameters, percent-decoding, cookies, listen addresses.
#include "web/http.h"

#include <gtest/gtest.h>

#include "web/server.h"

namespace loa::web {
namespace {

TEST(HttpTest, HeadersAreCaseInsensitive) {
  Request r;
  r.headers = {{"content-type", "application/json"}};
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("X-Missing"), "");
  Response res;
  res.set_header("Cache-Control", "a");
  res.set_header("cache-control", "b");
  EXPECT_EQ(res.headers.size(), 1u);
  EXPECT_EQ(res.header("CACHE-CONTROL"), "b");
}

TEST(HttpTest, QueryParametersAreDecoded) {
  Request r;
  r.query = "as_of=2025-07-01&q=%C4%90%C3%A0+N%E1%BA%B5ng&flag";
  EXPECT_EQ(r.query_param("as_of"), "2025-07-01");
  EXPECT_EQ(r.query_param("q"), "Đà Nẵng");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("missing"), "");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");  // malformed escapes stay as they are
}

TEST(HttpTest, CookieValues) {
  EXPECT_EQ(cookie_value("a=1; loa_session=abc; b=2", "loa_session"), "abc");
  EXPECT_EQ(cookie_value("loa_session_x=1", "loa_session"), "");
  EXPECT_EQ(cookie_value("", "loa_session"), "");
}

TEST(HttpTest, StateChangingMethods) {
  Request r;
  r.method = "GET";
  EXPECT_FALSE(r.changes_state());
  r.method = "DELETE";
  EXPECT_TRUE(r.changes_state());
}

TEST(ListenAddressTest, ParsesAndRejects) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 8080);
  EXPECT_EQ(parse_listen_address("[::1]:0")->first, "::1");
  EXPECT_EQ(parse_listen_address(":9000")->first, "0.0.0.0");
  EXPECT_FALSE(parse_listen_address("8080"));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:99999"));
  EXPECT_FALSE(parse_listen_address("127.0.0.1:80x"));
  EXPECT_FALSE(parse_listen_address("localhost:80"));
}

}  // namespace
}  // namespace loa::web
