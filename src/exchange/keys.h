// Node identity: Ed25519 key pairs (libsodium crypto_sign_*), their standard-base64 text form,
// and detached signatures. Keys never leave the node's database except the public half.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace chokepoint::exchange {

struct KeyPair {
  std::string public_key;  //!< 32 raw bytes
  std::string secret_key;  //!< 64 raw bytes (libsodium's seed + public key form)
};

KeyPair NewKeyPair();

// Standard base64 with padding (RFC 4648 section 4).
std::string Base64(std::string_view bytes);
// Strict: standard alphabet, padding required, no whitespace. InvalidArgument otherwise.
Result<std::string> FromBase64(std::string_view text);

// A public key as an operator pastes it: base64 of exactly 32 bytes.
Result<std::string> ParsePublicKey(std::string_view base64);

// Detached Ed25519 signature (64 bytes) of `message`.
std::string Sign(std::string_view message, const std::string& secret_key);
// True when `signature` (64 raw bytes) is `public_key`'s signature of exactly `message`.
bool Verify(std::string_view message, std::string_view signature, const std::string& public_key);

// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view bytes);

// "01JEXAMPLE…": 26 characters of Crockford base32, 48 bits of milliseconds then 80 random
// bits (ULID layout), so ids sort by creation time and never collide between nodes.
std::string NewUlid(int64_t unix_ms);

}  // namespace chokepoint::exchange
