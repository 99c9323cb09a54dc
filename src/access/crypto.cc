#include "access/crypto.h"

#include <sodium.h>

#include <cstdlib>

namespace chokepoint::access {

namespace {
void InitOnce() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no usable randomness: nothing safe to do
}

std::string Hex(const unsigned char* p, size_t n) {
  std::string out(n * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, p, n);
  return out;
}
}  // namespace

std::string Sha256Hex(std::string_view data) {
  InitOnce();
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(h, sizeof h);
}

std::string NewToken() {
  InitOnce();
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  return "cp_" + Hex(b, sizeof b);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace chokepoint::access
