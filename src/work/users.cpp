// User creation.
#include "work/users.h"

#include <nlohmann/json.hpp>

#include "store/organisations.h"
#include "store/users.h"
#include "vi/text.h"
#include "work/passwords.h"
#include "work/roles.h"

namespace loa::work {

Status validate_new_user(const NewUser& user) {
  if (user.username.size() < 3 || user.username.size() > 64) {
    return invalid_argument("username must be 3 to 64 characters long");
  }
  for (char c : user.username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) {
      return invalid_argument("username '" + user.username +
                              "' may contain only a-z, 0-9, '.', '_' and '-'");
    }
  }
  if (!parse_role(user.role)) {
    return invalid_argument("unknown role '" + user.role +
                            "'; expected admin, coordinator, member or leader");
  }
  if (user.password.size() < kMinPasswordLength) {
    return invalid_argument("password must be at least " + std::to_string(kMinPasswordLength) +
                            " characters long");
  }
  if (user.organisation_code.empty()) return invalid_argument("organisation is required");
  if (!vi::is_valid_utf8(user.display_name) || !vi::is_valid_utf8(user.password)) {
    return invalid_argument("display name and password must be valid UTF-8 text");
  }
  return Status::ok();
}

Result<std::int64_t> create_user(store::Database& db, const Clock& clock, const NewUser& user,
                                 const Actor& actor) {
  LOA_RETURN_IF_ERROR(validate_new_user(user));
  auto org = store::find_organisation_by_code(db, user.organisation_code);
  if (!org) {
    if (org.status().code() == StatusCode::kNotFound) {
      return invalid_argument("unknown organisation '" + user.organisation_code + "'");
    }
    return org.status();
  }
  auto hash = hash_password(user.password);
  if (!hash) return hash.status();

  store::UserRow row;
  row.username = user.username;
  // Stored in NFC whatever the keyboard or file produced (DESIGN: text is always NFC).
  row.display_name = user.display_name.empty() ? user.username : *vi::to_nfc(user.display_name);
  row.organisation_id = org->id;
  row.role = user.role;
  row.password_hash = *hash;
  row.created_at = row.updated_at = format_utc(clock.now_unix());

  store::Transaction tx(db);
  LOA_RETURN_IF_ERROR(tx.begin());
  auto id = store::insert_user(db, row);
  if (!id) return id.status();
  nlohmann::json after = {{"id", *id},
                          {"username", row.username},
                          {"display_name", row.display_name},
                          {"organisation", org->code},
                          {"role", row.role}};
  LOA_RETURN_IF_ERROR(record_change(
      db, clock, actor, {"user.create", "user", std::to_string(*id), std::nullopt, after.dump()}));
  LOA_RETURN_IF_ERROR(tx.commit());
  return *id;
}

}  // namespace loa::work
