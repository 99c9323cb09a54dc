#include "exchange/keys.h"

#include <sodium.h>

#include <cstdlib>

#include "access/crypto.h"

namespace chokepoint::exchange {

namespace {
void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no usable randomness: nothing safe to do
}
const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
}  // namespace

KeyPair NewKeyPair() {
  InitSodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair k{std::string(reinterpret_cast<char*>(pk), sizeof pk),
            std::string(reinterpret_cast<char*>(sk), sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return k;
}

std::string Base64(std::string_view bytes) {
  InitSodium();
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), U(bytes), bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<std::string> FromBase64(std::string_view text) {
  InitSodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size())
    return Status::InvalidArgument("not standard base64", "bad_base64");
  out.resize(len);
  return out;
}

Result<std::string> ParsePublicKey(std::string_view base64) {
  auto raw = FromBase64(base64);
  if (!raw.ok() || raw->size() != crypto_sign_PUBLICKEYBYTES)
    return Status::InvalidArgument(
        "a public key is the standard base64 of 32 bytes (44 characters ending in '=')", "bad_key");
  return *raw;
}

std::string Sign(std::string_view message, const std::string& secret_key) {
  InitSodium();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, U(message), message.size(), U(secret_key));
  return std::string(reinterpret_cast<char*>(sig), sizeof sig);
}

bool Verify(std::string_view message, std::string_view signature, const std::string& public_key) {
  InitSodium();
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES)
    return false;
  return crypto_sign_verify_detached(U(signature), U(message), message.size(), U(public_key)) == 0;
}

std::string Sha256Hex(std::string_view bytes) { return access::Sha256Hex(bytes); }

std::string NewUlid(int64_t unix_ms) {
  InitSodium();
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string out(26, '0');
  uint64_t t = static_cast<uint64_t>(unix_ms) & ((1ULL << 48) - 1);
  for (int i = 9; i >= 0; --i, t >>= 5) out[i] = kAlphabet[t & 31];
  unsigned char r[10];
  randombytes_buf(r, sizeof r);
  // 80 bits as 16 groups of 5.
  int bit = 0;
  for (int i = 10; i < 26; ++i, bit += 5) {
    int v = 0;
    for (int b = 0; b < 5; ++b) {
      int k = bit + b;
      v = (v << 1) | ((r[k / 8] >> (7 - k % 8)) & 1);
    }
    out[i] = kAlphabet[v];
  }
  return out;
}

}  // namespace chokepoint::exchange
