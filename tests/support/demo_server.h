// File: support/demo_server.h
//
// A test fixture with a real `loa serve --demo` on a fresh database, and sign-in as any of
// the demo users (admin, coordinator, member, leader, ngoaivu, taichinh, baohp).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "support/http_client.h"
#include "support/loa_process.h"
#include "support/temp_dir.h"

namespace loa::testing {

class DemoServerTest : public ::testing::Test {
 protected:
  TempDir dir_;
  LoaServer server_{dir_.file("loa.db"), {"--demo", "--ui", dir_.file("no-ui")}};

  HttpClient signed_in(const std::string& user) {
    HttpClient c("127.0.0.1", server_.port());
    auto r = c.sign_in(user);
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }
};

}  // namespace loa::testing
