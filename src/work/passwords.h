// File: work/passwords.h
//
// Password hashing with argon2id (libsodium's crypto_pwhash_str), random tokens and hashes
// of tokens. Hash strings carry their own salt and cost parameters, so the costs can be
// raised later without invalidating stored hashes.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::work {

Result<std::string> hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// `bytes` random bytes as URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);
// Hex BLAKE2b-256 of a token: what the database keeps instead of the token itself.
std::string token_hash(std::string_view token);
// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace loa::work
