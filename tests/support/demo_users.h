// File: tests/support/demo_users.h
// A demo user (work/demo.h seeds them) as a signed-in user, for tests of work/.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "store/database.h"
#include "work/auth.h"

namespace loa::testing {

inline work::SignedInUser demo_user(store::Database& db, const std::string& username,
                                    work::Role role) {
  auto st = db.prepare("SELECT id, organisation_id, display_name FROM users WHERE username = ?");
  st->bind(1, username);
  EXPECT_TRUE(*st->step()) << "no demo user " << username;
  work::SignedInUser u;
  u.id = st->column_int(0);
  u.username = username;
  u.role = role;
  u.organisation_id = st->column_int(1);
  u.display_name = st->column_text(2);
  return u;
}

}  // namespace loa::testing
